import "server-only";
import { z } from "zod";

/**
 * The server's configuration, validated once. Read `env`, never `process.env`, in server code.
 * scripts/start.ts fills DATABASE_URL (embedded PostgreSQL) and NEXTAUTH_SECRET (kept under
 * .data/) when they are not given.
 */
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  NEXTAUTH_SECRET: z.string().min(16, { message: "NEXTAUTH_SECRET must be at least 16 characters" }),
  NEXTAUTH_URL: z.string().url().optional(),
  /** Absolute lifetime of a sign-in, whatever the activity. */
  SESSION_MAX_AGE_SECONDS: seconds(12 * 3600),
  /** A sign-in ends after this long without any request (OWASP ASVS V7 inactivity timeout). */
  SESSION_IDLE_TIMEOUT_SECONDS: seconds(3600),
  /** How long a lease survives without any open tab (presence) before it is released. */
  SEAT_PRESENCE_GRACE_SECONDS: seconds(120),
  /** How long a freed seat stays reserved for the first agent in line. */
  SEAT_RESERVATION_SECONDS: seconds(120),
  /** How long before an idle release the agent is warned. */
  SEAT_IDLE_WARNING_SECONDS: seconds(120),
  /** How often each tab reports presence and activity. */
  SEAT_HEARTBEAT_SECONDS: seconds(15),
  /** How often each instance sweeps expired leases and reservations. */
  SEAT_SWEEP_SECONDS: seconds(5),
  /** Outgoing mail server (smtp:// or smtps://, user and password in the URL); unset: mail stays in the outbox. */
  SMTP_URL: z.string().url({ message: "SMTP_URL must be an smtp:// or smtps:// URL" }).optional(),
  /** The desk's address: the From of every mail, and (with +tags) the address replies come back to. */
  MAIL_FROM: z.string().min(3).default("seatdesk <seatdesk@localhost>"),
  /** Signs reply addresses (defaults to NEXTAUTH_SECRET). */
  MAIL_REPLY_SECRET: z.string().min(16).optional(),
  /** Changes to one ticket within this many seconds fold into one message per person. */
  MAIL_FOLD_SECONDS: z.coerce.number().int().min(0).default(60),
  /** How often each instance turns events into messages and sends what is due. */
  MAIL_SEND_SECONDS: seconds(10),
  /** seatdesk's own SMTP listener for mail to the desk: its port (unset: off) and address. */
  MAIL_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  MAIL_SMTP_HOST: z.string().default("0.0.0.0"),
  /** The largest mail received (the listener refuses larger ones with 552). */
  MAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  /** An IMAP mailbox to poll for the desk's mail (imaps://user:password@host/INBOX); unset: off. */
  IMAP_URL: z.string().url({ message: "IMAP_URL must be an imap:// or imaps:// URL" }).optional(),
  IMAP_POLL_SECONDS: seconds(60),
  /** Mail from an address nobody has: refuse it with an automatic answer, or create an end user. */
  MAIL_UNKNOWN_SENDERS: z.enum(["refuse", "create"]).default("refuse"),
  /** Mails one sender may send within an hour before the rest are held. */
  MAIL_PER_SENDER_PER_HOUR: z.coerce.number().int().positive().default(20),
  /** Which X-Forwarded-For entry, from the right, is the client (server/http/client-address.ts). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /**
   * The Ed25519 public key (PEM; "\n" may be written literally) that license files must be signed
   * with, for people who build seatdesk themselves. Unset: the vendor's key built into the app.
   */
  SEATDESK_LICENSE_PUBLIC_KEY: z.string().trim().min(1).optional(),
  /** Sent mail, expanded events and received mail that was acted on are removed after this many days. */
  MAIL_RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // Single sign-on (OpenID Connect, server/identity/sso/): on when OIDC_ISSUER is set.
  OIDC_ISSUER: z.string().url({ message: "OIDC_ISSUER must be the provider's issuer URL" }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** "1": the client id and secret of the local provider of `npm run idp` (trying SSO on one machine). */
  OIDC_LOCAL_IDP: z.enum(["0", "1"]).default("0"),
  OIDC_BUTTON_NAME: z.string().min(1).default("single sign-on"),
  /** The claim that identifies a person for good: "sub", or a claim carrying the employee id. */
  OIDC_ID_CLAIM: z.string().min(1).default("sub"),
  OIDC_EMPLOYEE_ID_CLAIM: z.string().min(1).default("employee_id"),
  OIDC_JOB_CODE_CLAIM: z.string().min(1).default("job_code"),
  OIDC_DEPARTMENT_CLAIM: z.string().min(1).default("department"),
  OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  OIDC_EMPLOYEE_TYPE_CLAIM: z.string().min(1).default("employee_type"),
  /** Whether people the provider knows and seatdesk does not are created (as end users) at first sign-in. */
  OIDC_CREATE_USERS: z.enum(["true", "false"]).default("true"),
  /** "off": only the break-glass administrators may sign in with a password. */
  LOCAL_PASSWORDS: z.enum(["on", "off"]).default("on"),
  /** Comma-separated emails of the administrators who keep their password when LOCAL_PASSWORDS=off. */
  BREAK_GLASS_ADMINS: z.string().default(""),
  /** The largest request body /api/v1 takes (programs' JSON: a ticket, a reply). */
  API_BODY_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  /** Who must sign in with a second factor (TOTP) when using a password: server/identity/mfa/policy.ts. */
  MFA_REQUIRED_FOR: z.enum(["nobody", "administrators", "agents", "everyone"]).default("administrators"),
});

export type Env = z.infer<typeof schema>;

function loadEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`seatdesk's configuration is invalid:\n${problems}`);
  }
  return parsed.data;
}

/**
 * Time bounds of every database connection (the raw `pg` path and Prisma's adapter share one pool,
 * server/db/pg.ts). Parsed on their own, so scripts that open a database without the server's
 * secrets (seeding, migrations, benchmarks) get the same bounds. Milliseconds; 0 turns a bound off.
 */
const databaseTimeoutsSchema = z.object({
  /** The longest a single statement may run (a runaway report, a plan gone wrong). */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** The longest a statement waits for a row or table lock before it fails. */
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * A transaction left open with nothing sent for this long is ended by PostgreSQL and its locks
   * freed: a paused instance (SIGSTOP, a long computation on its event loop) cannot hold a
   * pool's row lock and stall every other instance's checkouts.
   */
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  /** TCP keepalive on database connections: a dead peer is noticed after about this long idle. */
  DB_KEEPALIVE_IDLE_MS: z.coerce.number().int().min(0).default(10_000),
});

export type DatabaseTimeouts = z.infer<typeof databaseTimeoutsSchema>;

export function databaseTimeouts(source: Record<string, string | undefined> = process.env): DatabaseTimeouts {
  const parsed = databaseTimeoutsSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`seatdesk's configuration is invalid:\n${problems}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

/** Lazily validated so that `next build` does not need a database URL. */
export const env: Env = new Proxy({} as Env, {
  get(_target, key: string) {
    cached ??= loadEnv();
    return cached[key as keyof Env];
  },
});
