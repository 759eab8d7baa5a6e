import "server-only";
import type { DbOrTx } from "../db/transaction";
import { Prisma } from "../db/generated/client";
import { sqlOutsideTransaction } from "../db/sql";
import { LEASE_USED_UNTIL_SQL } from "./rollup";
import { agentWishes, buildWishes, parseFloat64Hex, parseNumbers, wishSeconds } from "./demand";
import type { Wishes } from "./replay";
import { REFUSAL_FOLLOW_UP_MINUTES } from "./types";

/*
 * The demand of every agent who holds a license today, grouped as they share seats today: one
 * group per pool (its members) and one for the agents with named seats. People without a license
 * any more are left out: no mix would give them a seat.
 *
 * (date_part, a float, not extract, a numeric: several times faster over a million leases.)
 * One row per agent, each history as a list of seconds from the period's start (string_agg): a
 * year of two thousand agents comes back as two thousand strings, not millions of row objects.
 * The leases (two numbers each, two million a year) come as the floats' own 8 bytes in hex, not
 * as decimal text: the same numbers, without printing and parsing decimals on both sides.
 */

export type DemandAgent = { userId: string; name: string; wishes: number[]; demandSeconds: number; wishDays: number };
export type DemandGroup = {
  /** A pool id, or "named". */
  scope: string;
  name: string;
  /** Concurrent seats today: the pool's size (0 for the named group). */
  seatsToday: number;
  namedToday: boolean;
  agents: DemandAgent[];
  wishes: Wishes;
};

export type Demand = { lengthSeconds: number; groups: DemandGroup[]; totalWishes: number };

type Person = { userId: string; name: string; kind: "NAMED" | "CONCURRENT"; poolId: string | null };
type Spans = { userId: string; spans: string };

/** Each person's leases (grant, wanted-until pairs, as hex float8s), for the given people only. */
function leaseSpans(db: DbOrTx, userIds: string[], from: Date, to: Date): Promise<Spans[]> {
  // Straight on `pg` for a client (a transaction given is joined): Prisma's pipeline costs more
  // than the query itself on megabytes of text.
  return sqlOutsideTransaction(db).rows<Spans>(Prisma.sql`
    select l."userId", encode(string_agg(
      float8send(date_part('epoch', l."grantedAt" - ${from}::timestamptz)) ||
      float8send(date_part('epoch', ${LEASE_USED_UNTIL_SQL} - ${from}::timestamptz)),
      ''::bytea order by l."grantedAt"), 'hex') as spans
    from "SeatLease" l
    where l."grantedAt" < ${to} and (l."endedAt" is null or l."endedAt" > ${from}) and l."userId" =
      any(${userIds}::text[])
    group by l."userId"`);
}

type Others = { userId: string; refusals: string | null; queue: string | null };

/** Each person's refusals and stays in the waiting line, for the given people only. */
function refusalsAndQueue(db: DbOrTx, userIds: string[], from: Date, to: Date): Promise<Others[]> {
  return db.$queryRaw<Others[]>`
    with refusals as (
      select e."userId", string_agg(date_part('epoch', e.at - ${from}::timestamptz)::text, ',' order by e.at) as times
      from "SeatEvent" e
      where e.type = 'REFUSED' and e.at >= ${from}::timestamptz - make_interval(mins =>
        ${REFUSAL_FOLLOW_UP_MINUTES}) and e.at < ${to}
        and e."userId" = any(${userIds}::text[])
      group by e."userId"
    ),
    queue as (
      select q."userId", string_agg(
        date_part('epoch', q."enqueuedAt" - ${from}::timestamptz)::text || ',' || date_part('epoch',
          coalesce(q."endedAt", now()) - ${from}::timestamptz)::text,
        ',' order by q."enqueuedAt") as spans
      from "SeatQueueEntry" q
      where q."enqueuedAt" < ${to} and (q."endedAt" is null or q."endedAt" > ${from}) and q."userId" =
        any(${userIds}::text[])
      group by q."userId"
    )
    select "userId", r.times as refusals, q.spans as queue from refusals r full join queue q using ("userId")`;
}

/** The groups' members, before their history is read. */
type GroupShell = Omit<DemandGroup, "agents" | "wishes"> & { people: Person[] };

/**
 * Pools' leases are read in this many pieces (the named agents' are one more): with the named
 * agents' piece (small) first, the search of that group runs while PostgreSQL reads the pools'
 * pieces on both cores (on the bench year 4 pieces made the named piece come late: slower).
 */
const POOL_PIECES = 2;

/**
 * Starts reading the demand: the groups, in order, each ready as soon as its people's history
 * has come. The leases (a million over a year) are the bulk of the work, in PostgreSQL: they
 * are read in pieces, all asked at once (PostgreSQL works on them with both cores), the named
 * agents' piece first. A caller can work on the first groups while the others are still read.
 */
export async function startLoadingDemand(
  db: DbOrTx,
  from: Date,
  to: Date,
): Promise<{ lengthSeconds: number; groups: Promise<DemandGroup>[]; groupSizes: number[] }> {
  const [people, pools] = await Promise.all([
    db.$queryRaw<Person[]>`
      select a."userId", u.name, a.kind, a."poolId" from "SeatAssignment" a join "User" u on u.id = a."userId"
      left join "SeatPool" p on p.id = a."poolId"
      where u.active and (a.kind = 'NAMED' or p."deletedAt" is null)
      order by u.name, a."userId"`,
    db.seatPool.findMany({
      where: { deletedAt: null },
      select: { id: true, name: true, size: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  ]);
  const lengthSeconds = (to.getTime() - from.getTime()) / 1000;
  const peopleOf = new Map<string, Person[]>();
  for (const person of people) {
    const scope = person.kind === "NAMED" ? "named" : person.poolId!;
    const list = peopleOf.get(scope) ?? [];
    list.push(person);
    peopleOf.set(scope, list);
  }
  const shells: GroupShell[] = [];
  const named = peopleOf.get("named");
  if (named) shells.push({ scope: "named", name: "Named seats today", seatsToday: 0, namedToday: true, people: named });
  for (const pool of pools)
    shells.push({
      scope: pool.id,
      name: pool.name,
      seatsToday: pool.size,
      namedToday: false,
      people: peopleOf.get(pool.id) ?? [],
    });

  const others = refusalsAndQueue(
    db,
    people.map((p) => p.userId),
    from,
    to,
  ).then((rows) => new Map(rows.map((r) => [r.userId, r])));
  // Pieces of whole groups: the named agents alone, then the pools in about equal parts.
  const poolPeople = people.length - (named?.length ?? 0);
  const pieces: GroupShell[][] = [];
  let piecePeople = Infinity;
  for (const shell of shells) {
    if (shell.namedToday || piecePeople >= poolPeople / POOL_PIECES) {
      pieces.push([]);
      piecePeople = shell.namedToday ? Infinity : 0;
    }
    pieces[pieces.length - 1]!.push(shell);
    piecePeople += shell.people.length;
  }
  const groups = pieces.flatMap((piece) => {
    const leases = leaseSpans(
      db,
      piece.flatMap((g) => g.people.map((p) => p.userId)),
      from,
      to,
    ).then((rows) => new Map(rows.map((r) => [r.userId, r.spans])));
    return piece.map(async (shell) => {
      const [leasesOf, othersOf] = await Promise.all([leases, others]);
      return demandGroup(shell, leasesOf, othersOf, lengthSeconds);
    });
  });
  // A caller that gives up at the first failure leaves the others unawaited: not an unhandled rejection.
  for (const group of groups) group.catch(() => undefined);
  // The groups' agents, in the order the groups come (known before their history is).
  return { lengthSeconds, groups, groupSizes: pieces.flatMap((piece) => piece.map((g) => g.people.length)) };
}

function demandGroup(
  shell: GroupShell,
  leasesOf: Map<string, string>,
  othersOf: Map<string, Others>,
  lengthSeconds: number,
): DemandGroup {
  const agents = shell.people.map((person): DemandAgent => {
    const other = othersOf.get(person.userId);
    const history = {
      leases: parseFloat64Hex(leasesOf.get(person.userId) ?? null),
      refusals: parseNumbers(other?.refusals ?? null),
      queue: parseNumbers(other?.queue ?? null),
    };
    const wishes = agentWishes(history, lengthSeconds);
    // Wishes come in order of start: a new day is one not seen just before.
    let wishDays = 0;
    let lastDay = NaN;
    for (let i = 0; i < wishes.length; i += 2) {
      const day = Math.floor(wishes[i]! / 86_400);
      if (day !== lastDay) wishDays++;
      lastDay = day;
    }
    return { userId: person.userId, name: person.name, wishes, demandSeconds: wishSeconds(wishes), wishDays };
  });
  return {
    scope: shell.scope,
    name: shell.name,
    seatsToday: shell.seatsToday,
    namedToday: shell.namedToday,
    agents,
    wishes: buildWishes(agents.map((a) => a.wishes)),
  };
}

export async function loadDemand(db: DbOrTx, from: Date, to: Date): Promise<Demand> {
  const { lengthSeconds, groups: loading } = await startLoadingDemand(db, from, to);
  const groups = await Promise.all(loading);
  return { lengthSeconds, groups, totalWishes: groups.reduce((n, g) => n + g.wishes.starts.length, 0) };
}
