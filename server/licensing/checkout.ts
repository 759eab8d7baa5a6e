import "server-only";
import { Prisma } from "../db/generated/client";
import { inSqlTransaction, type SqlRunner, type SqlTarget } from "../db/sql";
import type { SeatKind } from "../db/generated/enums";
import { lockPool, lockPoolQuery, lockUser, type LockedPool, type LockedUser } from "./locks";
import { seatCounts, sweepDueCondition, sweepPool } from "./sweep";
import {
  holdersFromJson,
  NAMED_IDLE_SECONDS_SQL,
  poolHoldersQuery,
  settleOwnLeaseCtes,
  touchLiveLease,
  type SeatHolder,
} from "./leases";
import { seatTiming, type SeatTiming } from "./timing";

/*
 * Checking out a seat (../shared/licensing.md, "Checkout, hold, release").
 *
 * Everything happens in one transaction holding the person's row lock (one lease per person,
 * whatever their tabs) and, for a pool, the pool's row lock (never more leases than seats, across
 * instances: the count and the insert are serialised by PostgreSQL, not by process memory).
 * Repeating a checkout returns the lease already held.
 *
 * The pool's lock is held for as little as PostgreSQL's own work: lock the person; settle their
 * own lease and read their license (one statement); then lock the pool, count, decide, grant or
 * refuse, and commit, sent as one batch (SqlRunner.finish). When a sweep would change something
 * (sweepDueCondition) that batch decides nothing, and the checkout runs again, sweeping first
 * under the lock (a rare, slower path).
 */

export type CheckoutGranted = {
  status: "granted";
  leaseId: bigint;
  kind: SeatKind;
  poolId: string | null;
  poolName: string | null;
  reused: boolean;
};
export type CheckoutRefused = {
  status: "refused";
  pool: { id: string; name: string; size: number; inUse: number; reserved: number };
  holders: SeatHolder[];
  /** When the first of the current leases ends at the latest (idle timeout or presence grace). */
  nextFreeAtLatest: Date | null;
  /** The person's place in the waiting line, if they joined it. */
  queuePosition: number | null;
};
export type CheckoutResult = CheckoutGranted | CheckoutRefused | { status: "unlicensed" } | { status: "disabled" };

export type CheckoutInput = {
  userId: string;
  authSessionId?: string | null;
  requestId?: string | null;
  timing?: Partial<SeatTiming>;
  /** A program taking the seat for its agent through an API account ("via Chat hub for …"): kept on the event. */
  via?: string | null;
};

type Request = {
  user: LockedUser;
  authSessionId: string | null;
  requestId: string | null;
  timing: SeatTiming;
  via: string | null;
};

/** A pool's sweep was due: the checkout runs again, sweeping first. */
const SWEEP_FIRST = Symbol("sweep first");

export async function checkoutSeat(db: SqlTarget, input: CheckoutInput): Promise<CheckoutResult> {
  const first = await checkoutOnce(db, input, false);
  return first === SWEEP_FIRST ? ((await checkoutOnce(db, input, true)) as CheckoutResult) : first;
}

function checkoutOnce(
  db: SqlTarget,
  input: CheckoutInput,
  sweepFirst: boolean,
): Promise<CheckoutResult | typeof SWEEP_FIRST> {
  const timing = seatTiming(input.timing);
  const requestId = input.requestId ?? null;
  return inSqlTransaction(db, async (sql) => {
    const user = await lockUser(sql, input.userId);
    if (!user || !user.active) return { status: "disabled" } as const;
    const request: Request = {
      user,
      authSessionId: input.authSessionId ?? null,
      requestId,
      timing,
      via: input.via ?? null,
    };

    const { open, license } = await settleAndReadLicense(sql, request);
    if (!license) return { status: "unlicensed" } as const;

    // A lease already held is returned as it is, even if the license changed kind since:
    // a change takes effect at the next checkout (../shared/licensing.md, "Entitlement and allocation").
    if (open) {
      await touchLiveLease(sql, user.id, true, timing);
      return {
        status: "granted",
        leaseId: open.id,
        kind: open.kind,
        poolId: open.poolId,
        poolName: open.poolName,
        reused: true,
      } as const;
    }

    if (license.kind === "NAMED") {
      const leaseId = await grantNamed(sql, request);
      return { status: "granted", leaseId, kind: "NAMED", poolId: null, poolName: null, reused: false } as const;
    }

    let pool: LockedPool | null;
    let decision: Decision;
    if (!sweepFirst) {
      // The usual case: lock the pool, decide and commit in one batch (the lock is never held
      // while this process is busy elsewhere). Nothing is decided when a sweep is due.
      const [locked, decided] = (await sql.finish([
        lockPoolQuery(license.poolId!),
        decideAndGrantQuery(poolInSql(license.poolId!), request, false),
      ])) as [LockedPool[], Decision[]];
      pool = locked[0] ?? null;
      decision = decided[0]!;
      if (pool && decision.sweepDue) return SWEEP_FIRST;
    } else {
      pool = await lockPool(sql, license.poolId!);
      if (!pool) return { status: "unlicensed" } as const;
      decision = await decideAndGrant(sql, pool, request, false);
      if (decision.sweepDue) {
        await sweepPool(sql, pool, timing, requestId);
        decision = await decideAndGrant(sql, pool, request, true);
      }
    }
    if (!pool) return { status: "unlicensed" } as const;
    if (decision.leaseId !== null) {
      return {
        status: "granted",
        leaseId: decision.leaseId,
        kind: "CONCURRENT",
        poolId: pool.id,
        poolName: pool.name,
        reused: false,
      } as const;
    }

    const holders = holdersFromJson(decision.holders);
    const nextFreeAtLatest = holders.reduce<Date | null>(
      (min, h) => (min === null || h.endsAtLatest < min ? h.endsAtLatest : min),
      null,
    );
    return {
      status: "refused",
      pool: { id: pool.id, name: pool.name, size: pool.size, inUse: decision.leases, reserved: decision.reservations },
      holders,
      nextFreeAtLatest,
      queuePosition: decision.position,
    } as const;
  });
}

type OpenLease = { id: bigint; kind: SeatKind; poolId: string | null; poolName: string | null };
type License = { kind: SeatKind; poolId: string | null };

/**
 * Ends the person's own lease if its time already ran out (settleOwnLeaseCtes), and reads the
 * open lease that remains and the license: no license, or a pool that is deleted, is none.
 * Runs after lockUser, so it sees what committed before the person's row was locked.
 */
async function settleAndReadLicense(
  sql: SqlRunner,
  { user, timing, requestId }: Request,
): Promise<{ open: OpenLease | null; license: License | null }> {
  const [row] = await sql.rows<{
    licenseKind: SeatKind | null;
    licensePoolId: string | null;
    licensePoolDeleted: boolean | null;
    leaseId: bigint | null;
    leaseKind: SeatKind | null;
    leasePoolId: string | null;
    leasePoolName: string | null;
  }>(Prisma.sql`
    with ${settleOwnLeaseCtes(user.id, timing, requestId)}
    select a.kind as "licenseKind", a."poolId" as "licensePoolId", ap."deletedAt" is not null as "licensePoolDeleted",
      l.id as "leaseId", l.kind as "leaseKind", l."poolId" as "leasePoolId", lp.name as "leasePoolName"
    from (select 1) one
    left join "SeatAssignment" a on a."userId" = ${user.id}::text
    left join "SeatPool" ap on ap.id = a."poolId"
    left join "SeatLease" l on l."userId" = ${user.id}::text and l."endedAt" is null and l.id not in (select id
      from settled)
    left join "SeatPool" lp on lp.id = l."poolId"`);
  const open =
    row?.leaseId != null
      ? { id: row.leaseId, kind: row.leaseKind!, poolId: row.leasePoolId, poolName: row.leasePoolName }
      : null;
  const unlicensed =
    !row?.licenseKind || (row.licenseKind === "CONCURRENT" && (!row.licensePoolId || row.licensePoolDeleted));
  return { open, license: unlicensed ? null : { kind: row.licenseKind!, poolId: row.licensePoolId } };
}

/** A named seat: always granted. The lease and its GRANTED event in one statement. */
async function grantNamed(sql: SqlRunner, { user, authSessionId, requestId, via }: Request): Promise<bigint> {
  const [lease] = await sql.rows<{ id: bigint }>(Prisma.sql`
    with lease as (
      insert into "SeatLease" ("userId", kind, "poolId", "authSessionId", "grantedAt", "lastActivityAt",
        "lastPresenceAt", "idleTimeoutSeconds")
      values (${user.id}, 'NAMED', null, ${authSessionId}, clock_timestamp(), clock_timestamp(),
        clock_timestamp(), ${NAMED_IDLE_SECONDS_SQL})
      returning id, "grantedAt"
    ), granted as (
      insert into "SeatEvent" (type, at, "recordedAt", "userId", "userName", kind, "leaseId", reason,
        "requestId", details)
      select 'GRANTED', l."grantedAt", clock_timestamp(), ${user.id}::text, ${user.name}::text, 'NAMED', l.id,
        'named seat', ${requestId}::text,
        ${viaDetails(via)} from lease l
    )
    select id from lease`);
  return lease!.id;
}

type Decision = {
  leases: number;
  reservations: number;
  at: Date;
  entryId: bigint | null;
  position: number | null;
  sweepDue: boolean;
  leaseId: bigint | null;
  /** When refused: the holders, as json_agg gives them. */
  holders: Parameters<typeof holdersFromJson>[0];
};

/**
 * Counts the pool's seats under its lock and, when one is the caller's, grants it: lease,
 * place in line (claimed), GRANTED event; or refuses: REFUSED event (dated when the seats were
 * counted) and the holders; in one statement. Decides nothing when a sweep is due first (unless
 * `swept`): the caller sweeps and asks again.
 *
 * Free seats are already reserved for the line by the sweep, so a newcomer never jumps it. A
 * reservation is only good while the leases are fewer than the seats: it may have been made
 * before the pool shrank, and claiming it then would exceed the new size (invariant 1).
 */
async function decideAndGrant(sql: SqlRunner, pool: LockedPool, request: Request, swept: boolean): Promise<Decision> {
  const [row] = await sql.rows<Decision>(decideAndGrantQuery(pool, request, swept));
  return row!;
}

/** A pool's figures, as values (read under its lock) or as SQL that reads them from its row. */
type PoolFigures = {
  id: string;
  name: string | Prisma.Sql;
  size: number | Prisma.Sql;
  idleTimeoutSeconds: number | Prisma.Sql;
};

/**
 * The pool's figures read by the statement itself from the pool's row: a statement sent in the
 * same batch as the lock cannot carry figures read before the lock was granted (a resize may
 * have committed in between); at READ COMMITTED it reads the row as it is once locked.
 */
function poolInSql(poolId: string): PoolFigures {
  const column = (name: "name" | "size" | "idleTimeoutSeconds") =>
    Prisma.sql`(select p.${Prisma.raw(`"${name}"`)} from "SeatPool" p where p.id = ${poolId}::text)`;
  return { id: poolId, name: column("name"), size: column("size"), idleTimeoutSeconds: column("idleTimeoutSeconds") };
}

function decideAndGrantQuery(
  pool: PoolFigures,
  { user, authSessionId, requestId, timing, via }: Request,
  swept: boolean,
): Prisma.Sql {
  return Prisma.sql`
    with state as (
      select counts.leases, counts.reservations, counts.at, me.id as "entryId", coalesce(me.reserved, false) as
        reserved, me.position,
        ${sweepDueCondition(pool, timing, Prisma.raw("counts"))} as "sweepDue"
      from ${seatCounts(pool.id)}
      left join (
        select q.id, coalesce(q."reservedUntil" > now(), false) as reserved,
          (select count(*)::int from "SeatQueueEntry" o where o."poolId" = q."poolId" and o."endedAt" is null and
            (o."enqueuedAt", o.id) <= (q."enqueuedAt", q.id)) as position
        from "SeatQueueEntry" q where q."userId" = ${user.id}::text and q."poolId" = ${pool.id}::text and
          q."endedAt" is null
      ) me on true
    ), decision as (
      select s.*, (${swept}::boolean or not s."sweepDue")
        and ((s.reserved and s.leases < ${pool.size}::int) or ${pool.size}::int - s.leases - s.reservations > 0)
          as granting
      from state s
    ), lease as (
      insert into "SeatLease" ("userId", kind, "poolId", "authSessionId", "grantedAt", "lastActivityAt",
        "lastPresenceAt", "idleTimeoutSeconds")
      select ${user.id}::text, 'CONCURRENT', ${pool.id}::text, ${authSessionId}::text, clock_timestamp(),
        clock_timestamp(), clock_timestamp(),
        ${pool.idleTimeoutSeconds}::int
      from decision where granting
      returning id, "grantedAt"
    ), claimed as (
      update "SeatQueueEntry" q set "endedAt" = now(), outcome = 'GRANTED' from decision d where q.id =
        d."entryId" and d.granting
    ), granted as (
      insert into "SeatEvent" (type, at, "recordedAt", "userId", "userName", kind, "poolId", "poolName",
        "leaseId", reason, "requestId", details)
      select 'GRANTED', l."grantedAt", clock_timestamp(), ${user.id}::text, ${user.name}::text, 'CONCURRENT',
        ${pool.id}::text, ${pool.name}::text, l.id,
        case when d.reserved then 'reservation claimed' else 'seat free' end, ${requestId}::text,
        jsonb_build_object('inUseBefore', d.leases, 'size', ${pool.size}::int) || coalesce(${viaDetails(via)},
          '{}'::jsonb)
      from lease l, decision d
    ), refused as (
      insert into "SeatEvent" (type, at, "recordedAt", "userId", "userName", kind, "poolId", "poolName", reason,
        "requestId", details)
      select 'REFUSED', d.at, clock_timestamp(), ${user.id}::text, ${user.name}::text, 'CONCURRENT',
        ${pool.id}::text, ${pool.name}::text,
        d.leases || ' of ' || ${pool.size}::int || ' seats in use', ${requestId}::text,
        jsonb_build_object('inUse', d.leases, 'reserved', d.reservations, 'size', ${pool.size}::int, 'inLine',
          d."entryId" is not null)
          || coalesce(${viaDetails(via)}, '{}'::jsonb)
      from decision d where not d.granting and (${swept}::boolean or not d."sweepDue")
    )
    select d.leases, d.reservations, d.at, d."entryId", d.position, d."sweepDue" and not ${swept}::boolean as
      "sweepDue", l.id as "leaseId",
      case when not d.granting and (${swept}::boolean or not d."sweepDue") then (select json_agg(h) from
        (${poolHoldersQuery(pool)}) h) end as holders
    from decision d left join lease l on true`;
}

/** `{"via": "…"}` for a seat taken by a program for its agent, else null. */
function viaDetails(via: string | null): Prisma.Sql {
  return Prisma.sql`case when ${via}::text is null then null else jsonb_build_object('via', ${via}::text) end`;
}

/** The sentence an agent reads when refused: which pool, N of N, and when one frees at the latest. */
export function refusalMessage(refused: CheckoutRefused): string {
  const { pool } = refused;
  const when = refused.nextFreeAtLatest
    ? ` The next seat frees by ${refused.nextFreeAtLatest.toISOString().slice(11, 16)} UTC at the latest.`
    : "";
  return `All seats of the pool "${pool.name}" are taken: ${pool.inUse} of ${pool.size} in use.${when}`;
}
