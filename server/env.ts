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
  /**
   * The Ed25519 public key (PEM; "\n" may be written literally) that license files must be signed
   * with, for people who build seatdesk themselves. Unset: the vendor's key built into the app.
   */
  SEATDESK_LICENSE_PUBLIC_KEY: z.string().trim().min(1).optional(),
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

let cached: Env | undefined;

/** Lazily validated so that `next build` does not need a database URL. */
export const env: Env = new Proxy({} as Env, {
  get(_target, key: string) {
    cached ??= loadEnv();
    return cached[key as keyof Env];
  },
});
