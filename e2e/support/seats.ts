import { sql } from "./db";

/*
 * Seat facts for browser tests, arranged by SQL on the e2e database. All specs share one demo
 * organisation, so a test that needs seats starts from none held and nobody in line.
 */

export const POOL = "Specialists";
export const POOL_SIZE = 4;
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 30 * 60;

/** Ends every open lease and waiting-line entry, as an administrator would. */
export async function resetSeats(): Promise<void> {
  await sql(
    `update "SeatLease" set "endedAt" = now(), "endReason" = 'ADMIN', "endNote" = 'reset between browser ` +
      `tests' where "endedAt" is null`,
  );
  await sql(`update "SeatQueueEntry" set "endedAt" = now(), outcome = 'REMOVED' where "endedAt" is null`);
}

export async function setPoolIdleTimeout(seconds: number, pool = POOL): Promise<void> {
  await sql(`update "SeatPool" set "idleTimeoutSeconds" = $1 where name = $2`, [seconds, pool]);
}

/** Display names by email, in the order given. */
export async function namesOf(emails: string[]): Promise<string[]> {
  const rows = await sql<{ email: string; name: string }>(`select email, name from "User" where email = any($1)`, [
    emails,
  ]);
  return emails.map((e) => rows.find((r) => r.email === e)?.name ?? e);
}

/** The person's open lease, if any: its id and when its idle timeout ends it (database clock). */
export async function openLeaseOf(email: string): Promise<{ id: string; idleReleaseAt: Date } | null> {
  const rows = await sql<{ id: string; idleReleaseAt: Date }>(
    `select l.id::text as id, l."lastActivityAt" + make_interval(secs => p."idleTimeoutSeconds") as "idleReleaseAt"
     from "SeatLease" l join "User" u on u.id = l."userId" left join "SeatPool" p on p.id = l."poolId"
     where u.email = $1 and l."endedAt" is null`,
    [email],
  );
  return rows[0] ?? null;
}

export async function liveLeasesOfPool(pool = POOL): Promise<number> {
  const rows = await sql<{ n: number }>(
    `select count(*)::int as n from "SeatLease" l join "SeatPool" p on p.id = l."poolId" where p.name = ` +
      `$1 and l."endedAt" is null`,
    [pool],
  );
  return rows[0]?.n ?? 0;
}

/** Whether the database clock has passed `at`: for waiting on lease times without sleeping. */
export async function databaseClockPassed(at: Date): Promise<boolean> {
  const rows = await sql<{ passed: boolean }>(`select now() > $1::timestamptz as passed`, [at]);
  return rows[0]?.passed ?? false;
}
