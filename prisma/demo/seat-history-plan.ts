import type { PastLease, PastQueueStay, PastRefusal } from "../../server/insight/history-writer";
import { mulberry32 } from "../../lib/seeded-random";

/*
 * The demo's 90 days of seat history, planned in memory (deterministic: a seeded generator, days
 * counted back from a given midnight) and consistent with the brief: the service desk agents on
 * named seats work all day on working days; the specialists want a seat now and then, rarely
 * more than 4 at once, except in a few busy hours (a major incident) when some were refused,
 * waited in line or gave up. The specialists' leases come from playing their wishes through the
 * pool's rules (N seats, first come first served line), so the history never breaks them.
 */

export type DemoPerson = { id: string; name: string };
export type DemoPool = { id: string; name: string; size: number; idleTimeoutSeconds: number; members: DemoPerson[] };
export type DemoPlan = { leases: PastLease[]; refusals: PastRefusal[]; queue: PastQueueStay[] };

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const isWorkingDay = (dayStart: number) => {
  const weekday = new Date(dayStart).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/** The desk: 8:00-12:00 and 13:00-17:00 (give or take a quarter hour), a day off now and then. */
function planDesk(people: DemoPerson[], days: number[], rnd: () => number): PastLease[] {
  const leases: PastLease[] = [];
  for (const day of days) {
    if (!isWorkingDay(day)) continue;
    for (const p of people) {
      if (rnd() < 0.05) continue; // a day off
      const jitter = () => Math.round((rnd() - 0.5) * 30) * MIN;
      for (const [from, to] of [
        [8, 12],
        [13, 17],
      ] as const) {
        const grantedAt = day + from * HOUR + jitter();
        const lastActivity = day + to * HOUR + jitter();
        // Some evenings the tab stays open and the idle timeout (30 min) ends the lease.
        const idle = to === 17 && rnd() < 0.2;
        leases.push({
          userId: p.id,
          userName: p.name,
          poolId: null,
          poolName: null,
          grantedAt: new Date(grantedAt),
          lastActivityAt: new Date(lastActivity),
          endedAt: new Date(idle ? lastActivity + 30 * MIN : lastActivity),
          endReason: idle ? "IDLE" : "SIGN_OUT",
        });
      }
    }
  }
  return leases;
}

type Wish = { person: DemoPerson; start: number; end: number; idle: boolean; waits: boolean; patience: number };

function planWishes(pool: DemoPool, days: number[], rnd: () => number): Wish[] {
  const wishes: Wish[] = [];
  // A few days with a busy hour (a major incident pulling in many specialists at once).
  const busyDays = new Set(days.filter((d) => isWorkingDay(d)).filter((_, i) => i % 20 === 7));
  for (const day of days) {
    if (!isWorkingDay(day)) continue;
    for (const person of pool.members) {
      // Short sessions to work an escalated ticket: most days one, some days two or none.
      const sessions = rnd() < 0.55 ? 1 : rnd() < 0.5 ? 2 : 0;
      for (let s = 0; s < sessions; s++) {
        const start = day + 8.5 * HOUR + Math.floor(rnd() * 9 * 60) * MIN;
        wishes.push({
          person,
          start,
          end: start + (10 + Math.floor(rnd() * 20)) * MIN,
          idle: rnd() < 0.2,
          waits: rnd() < 0.7,
          patience: (10 + Math.floor(rnd() * 30)) * MIN,
        });
      }
    }
    if (busyDays.has(day)) {
      const incident = day + 10 * HOUR + Math.floor(rnd() * 4) * HOUR;
      const involved = [...pool.members].sort(() => rnd() - 0.5).slice(0, 5);
      involved.forEach((person, i) => {
        const start = incident + i * 5 * MIN;
        wishes.push({
          person,
          start,
          end: start + (30 + Math.floor(rnd() * 25)) * MIN,
          idle: false,
          waits: rnd() < 0.8,
          patience: (20 + Math.floor(rnd() * 40)) * MIN,
        });
      });
    }
  }
  // One person wants one seat at a time: a wish that starts while their previous one runs joins it.
  wishes.sort((a, b) => a.start - b.start);
  const lastEnd = new Map<string, Wish>();
  return wishes.filter((w) => {
    const previous = lastEnd.get(w.person.id);
    // (A late grant works at least 10 minutes, and an idle end adds the timeout: keep clear of both.)
    if (previous && w.start <= previous.end + (previous.idle ? pool.idleTimeoutSeconds * 1000 : 0) + 15 * MIN) {
      previous.end = Math.max(previous.end, w.end);
      return false;
    }
    lastEnd.set(w.person.id, w);
    return true;
  });
}

/** Plays the wishes through the pool's rules: N seats, a first come, first served line. */
function playPool(pool: DemoPool, wishes: Wish[], plan: DemoPlan): void {
  const seats: number[] = []; // release times of the seats in use
  const line: { wish: Wish; leaveAt: number }[] = [];
  const grant = (wish: Wish, at: number) => {
    const lastActivity = Math.max(wish.end, at + 10 * MIN);
    const endedAt = wish.idle ? lastActivity + pool.idleTimeoutSeconds * 1000 : lastActivity;
    plan.leases.push({
      userId: wish.person.id,
      userName: wish.person.name,
      poolId: pool.id,
      poolName: pool.name,
      grantedAt: new Date(at),
      lastActivityAt: new Date(lastActivity),
      endedAt: new Date(endedAt),
      endReason: wish.idle ? "IDLE" : "SIGN_OUT",
    });
    seats.push(endedAt);
  };
  const stay = (entry: { wish: Wish }, until: number, outcome: "GRANTED" | "LEFT") =>
    plan.queue.push({
      userId: entry.wish.person.id,
      userName: entry.wish.person.name,
      poolId: pool.id,
      poolName: pool.name,
      enqueuedAt: new Date(entry.wish.start),
      endedAt: new Date(until),
      outcome,
    });
  const freeUntil = (t: number) => {
    for (;;) {
      const next = seats.length ? Math.min(...seats) : Infinity;
      if (seats.length === 0 || next > t) return;
      seats.splice(seats.indexOf(next), 1);
      while (line.length) {
        const entry = line.shift()!;
        if (entry.leaveAt <= next) {
          stay(entry, entry.leaveAt, "LEFT");
          continue;
        }
        stay(entry, next, "GRANTED");
        grant(entry.wish, next);
        break;
      }
    }
  };
  for (const wish of wishes) {
    freeUntil(wish.start);
    // Whoever's patience ran out before now has left the line.
    for (let i = line.length - 1; i >= 0; i--) {
      if (line[i]!.leaveAt > wish.start) continue;
      const [gone] = line.splice(i, 1);
      stay(gone!, gone!.leaveAt, "LEFT");
    }
    if (line.length === 0 && seats.length < pool.size) {
      grant(wish, wish.start);
      continue;
    }
    plan.refusals.push({
      userId: wish.person.id,
      userName: wish.person.name,
      poolId: pool.id,
      poolName: pool.name,
      at: new Date(wish.start),
    });
    if (wish.waits) line.push({ wish, leaveAt: Math.min(wish.end, wish.start + wish.patience) });
  }
  freeUntil(Infinity);
  for (const entry of line) stay(entry, entry.leaveAt, "LEFT");
}

/** The plan for `days` days before `todayStart` (a UTC midnight in ms): nothing on or after it. */
export function planDemoSeatHistory(input: {
  todayStart: number;
  days: number;
  named: DemoPerson[];
  pools: DemoPool[];
  seed?: number;
}): DemoPlan {
  const seed = input.seed ?? 27;
  const days = Array.from({ length: input.days }, (_, i) => input.todayStart - (input.days - i) * DAY);
  // One generator per part, so the desk's size does not change the specialists' story.
  const plan: DemoPlan = { leases: planDesk(input.named, days, mulberry32(seed)), refusals: [], queue: [] };
  input.pools.forEach((pool, i) => playPool(pool, planWishes(pool, days, mulberry32(seed + 1 + i)), plan));
  return plan;
}
