import type { Db } from "../db/client";

/**
 * Slows, then refuses, repeated failed sign-ins for one email. Kept in the database so it holds
 * across app instances and restarts.
 */
export const THROTTLE = {
  windowSeconds: 15 * 60,
  /** From this many failures on, each further attempt is delayed. */
  slowAfter: 3,
  /** At this many failures the email is locked for lockSeconds. */
  lockAfter: 10,
  lockSeconds: 15 * 60,
} as const;

export async function secondsLocked(db: Db, key: string): Promise<number> {
  const rows = await db.$queryRaw<{ seconds: number }[]>`
    select ceil(extract(epoch from ("lockedUntil" - now())))::int as seconds
    from "SignInThrottle" where key = ${key} and "lockedUntil" > now()`;
  return rows[0]?.seconds ?? 0;
}

/** Records a failure atomically and returns the failures counted in the current window. */
export async function recordFailedSignIn(db: Db, key: string): Promise<number> {
  const rows = await db.$queryRaw<{ failures: number }[]>`
    insert into "SignInThrottle" (key, failures, "firstFailAt") values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when "SignInThrottle"."firstFailAt" < now() - make_interval(secs => ${THROTTLE.windowSeconds})
                      then 1 else "SignInThrottle".failures + 1 end,
      "firstFailAt" = case when "SignInThrottle"."firstFailAt" < now() - make_interval(secs => ${THROTTLE.windowSeconds})
                      then now() else "SignInThrottle"."firstFailAt" end
    returning failures`;
  const failures = rows[0]?.failures ?? 1;
  if (failures >= THROTTLE.lockAfter) {
    await db.$executeRaw`update "SignInThrottle" set "lockedUntil" = now() + make_interval(secs => ${THROTTLE.lockSeconds}), failures = 0, "firstFailAt" = now() where key = ${key}`;
  }
  return failures;
}

export async function clearFailedSignIns(db: Db, key: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key } });
}

/** The delay added to a failed attempt: nothing at first, then doubling up to 4 s. */
export function failureDelayMs(failures: number): number {
  if (failures < THROTTLE.slowAfter) return 0;
  return Math.min(4000, 250 * 2 ** (failures - THROTTLE.slowAfter));
}

export function lockedMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Too many failed sign-ins for this email. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
