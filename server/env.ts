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
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
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
