import "server-only";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { recordAdminAudit } from "../audit/admin-audit";

/*
 * Slowing password guessing, kept in the database so it holds across app instances and restarts.
 * - Every attempt is COUNTED BEFORE the password is checked, in one statement that increments the
 *   count and returns it (claimSignInAttempt): parallel guesses queue on the row, so no more of
 *   them are checked than the rules allow, however many arrive at once.
 * - Growing delays, not a hard lock: after `free` attempts, each counted attempt makes the next
 *   wait 1 s, 2 s, 4 s … up to `maxDelaySeconds`. A stranger can slow an account down but not shut
 *   it for long: once they stop, the owner waits at most the last delay, an administrator can
 *   lift it at once (adminUsers.liftSignInLock), and a success clears it.
 * - Two keys per attempt: the account (`email:…`), and the client's address (`addr:…`) across
 *   every account, so a few passwords tried against many accounts (spraying) are slowed too. The
 *   address allows more attempts before slowing, since an office can share one.
 * - Counts restart after `quietSeconds` without any attempt.
 * - Every time a key starts being slowed ("locked"), a row in the administrators' audit log
 *   (action signIn.locked, no actor: seatdesk did it); lifting it is logged there too.
 */
export const THROTTLE = {
  account: { free: 5, maxDelaySeconds: 15 * 60 },
  address: { free: 30, maxDelaySeconds: 15 * 60 },
  quietSeconds: 60 * 60,
} as const;

export type ThrottleScope = keyof Pick<typeof THROTTLE, "account" | "address">;

export const throttleKey = {
  account: (normalizedEmail: string) => `email:${normalizedEmail}`,
  address: (clientAddress: string) => `addr:${clientAddress}`,
};

/** The delay the n-th counted attempt earns before the next may be checked (0: none). */
export function delayAfterAttempt(attempts: number, scope: ThrottleScope): number {
  const { free, maxDelaySeconds } = THROTTLE[scope];
  if (attempts < free) return 0;
  return Math.min(maxDelaySeconds, 2 ** Math.min(attempts - free, 30));
}

export type AttemptVerdict = { allowed: true } | { allowed: false; scope: ThrottleScope; retryAfterSeconds: number };

/** The SQL of delayAfterAttempt, for the count `n`. */
function delaySql(n: Prisma.Sql, scope: ThrottleScope): Prisma.Sql {
  const { free, maxDelaySeconds } = THROTTLE[scope];
  return Prisma.sql`case when ${n} < ${free}::int then null
    else now() + make_interval(secs => least(${maxDelaySeconds}::int, power(2, least(${n} - ${free}::int, 30)))) end`;
}

/**
 * Counts one attempt for the key, atomically, unless the key must still wait: then nothing is
 * counted and the attempt is refused with the seconds left. The conflict arm re-reads the row
 * after waiting for a concurrent attempt's lock, so a burst is counted one by one.
 */
async function claimKey(db: Db, key: string, scope: ThrottleScope): Promise<AttemptVerdict & { attempts?: number }> {
  const fresh = Prisma.sql`(case when t."lastAttemptAt" < now() - make_interval(secs => ${THROTTLE.quietSeconds}::int)
    then 1 else t.attempts + 1 end)`;
  const rows = await db.$queryRaw<{ attempts: number }[]>`
    insert into "SignInThrottle" as t (key, attempts, "lastAttemptAt", "nextAttemptAt")
    values (${key}, 1, now(), ${delaySql(Prisma.sql`1`, scope)})
    on conflict (key) do update set
      attempts = ${fresh},
      "lastAttemptAt" = now(),
      "nextAttemptAt" = ${delaySql(fresh, scope)}
    where t."nextAttemptAt" is null or t."nextAttemptAt" <= now()
    returning attempts`;
  if (rows[0]) return { allowed: true, attempts: rows[0].attempts };
  return { allowed: false, scope, retryAfterSeconds: await secondsToWait(db, [key]) };
}

/** Seconds until every key given may be tried again (0 when none waits). */
export async function secondsToWait(db: Db, keys: string[]): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.$queryRaw<{ seconds: number | null }[]>`
    select max(ceil(extract(epoch from ("nextAttemptAt" - now()))))::int as seconds
    from "SignInThrottle" where key in (${Prisma.join(keys)}) and "nextAttemptAt" > now()`;
  return Math.max(0, rows[0]?.seconds ?? 0);
}

async function auditLocked(db: Db, scope: ThrottleScope, key: string, attempts: number): Promise<void> {
  await recordAdminAudit(db, {
    actorId: null,
    action: "signIn.locked",
    input: { scope, key, attempts, delaySeconds: delayAfterAttempt(attempts, scope) },
  });
}

/**
 * Claims one sign-in attempt, before any password is checked: the client's address first (a
 * sprayer's refused attempts then never reach the accounts' counts), then the account.
 */
export async function claimSignInAttempt(
  db: Db,
  input: { normalizedEmail: string; clientAddress: string | null },
): Promise<AttemptVerdict> {
  const keys: [ThrottleScope, string][] = [];
  if (input.clientAddress) keys.push(["address", throttleKey.address(input.clientAddress)]);
  keys.push(["account", throttleKey.account(input.normalizedEmail)]);
  for (const [scope, key] of keys) {
    const verdict = await claimKey(db, key, scope);
    if (!verdict.allowed) return verdict;
    if (verdict.attempts === THROTTLE[scope].free) await auditLocked(db, scope, key, verdict.attempts);
  }
  return { allowed: true };
}

/**
 * After a successful sign-in: the account starts afresh, and the address gets its attempt back
 * (colleagues behind one address signing in do not add up). Ending a delay this way is logged.
 */
export async function recordSuccessfulSignIn(
  db: Db,
  input: { normalizedEmail: string; clientAddress: string | null; userId: string },
): Promise<void> {
  const key = throttleKey.account(input.normalizedEmail);
  const [cleared] = await db.$queryRaw<{ attempts: number }[]>`
    delete from "SignInThrottle" where key = ${key} returning attempts`;
  if (cleared && cleared.attempts >= THROTTLE.account.free)
    await recordAdminAudit(db, {
      actorId: input.userId,
      action: "signIn.unlocked",
      input: { scope: "account", key, by: "a successful sign-in" },
    });
  if (input.clientAddress)
    await db.$executeRaw`update "SignInThrottle" set attempts = greatest(attempts - 1, 0)
      where key = ${throttleKey.address(input.clientAddress)}`;
}

export type SignInLock = {
  key: string;
  scope: ThrottleScope;
  /** The email or the client address. */
  subject: string;
  attempts: number;
  lastAttemptAt: Date;
  nextAttemptAt: Date | null;
};

const LOCKS_SHOWN = 100;

/** Keys being slowed now (at or past their free attempts, in the window), most recent first. */
export async function listSignInLocks(db: Db): Promise<SignInLock[]> {
  const rows = await db.$queryRaw<{ key: string; attempts: number; lastAttemptAt: Date; nextAttemptAt: Date | null }[]>`
    select key, attempts, "lastAttemptAt", "nextAttemptAt" from "SignInThrottle"
    where "lastAttemptAt" > now() - make_interval(secs => ${THROTTLE.quietSeconds}::int)
      and ((key like 'email:%' and attempts >= ${THROTTLE.account.free}::int)
        or (key like 'addr:%' and attempts >= ${THROTTLE.address.free}::int))
    order by "lastAttemptAt" desc limit ${LOCKS_SHOWN}`;
  return rows.map((r) => {
    const scope: ThrottleScope = r.key.startsWith("email:") ? "account" : "address";
    return { ...r, scope, subject: r.key.slice(r.key.indexOf(":") + 1) };
  });
}

/** An administrator lifts a lock: the key starts afresh. True when there was one. */
export async function liftSignInLock(db: Db, key: string): Promise<boolean> {
  const { count } = await db.signInThrottle.deleteMany({ where: { key } });
  return count > 0;
}

export function lockedMessage(seconds: number, scope: ThrottleScope): string {
  const wait =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? "" : "s"}`
      : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? "" : "s"}`;
  const what = scope === "account" ? "for this email" : "from your network";
  return `Too many failed sign-ins ${what}. Try again in ${wait}.`;
}
