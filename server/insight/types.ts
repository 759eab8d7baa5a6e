import "server-only";

/*
 * License insight (issue 5): the exact shapes of the usage reports, the seat mix optimizer and
 * its "what if" mode. The reports router and the UI are built against these: change them only
 * by adding optional fields.
 *
 * Conventions shared by every shape below:
 * - Times are Dates (superjson carries them). Periods are half-open [from, to) and counted in
 *   whole UTC hours: `from` is rounded down and `to` up to the hour.
 * - Calendar buckets (days, weekdays, hours of the heat map) are in `timeZone` (IANA), the
 *   ticket settings' time zone unless the input names one.
 * - Money is in integer cents per month of `currency` (Entitlement.currency).
 * - Weekday index 0 = Monday ... 6 = Sunday; hour index 0-23.
 */

/** "named": named seats; "all": every seat of the organisation; otherwise a SeatPool id. */
export type UsageScope = "named" | "all" | (string & {});

export type UsageReportInput = {
  from: Date;
  to: Date;
  scope: UsageScope;
  /** IANA time zone of the day/weekday/hour buckets; default: the ticket settings' time zone. */
  timeZone?: string;
};

/** The high-water mark of one hour: the most seats held at the same instant within it. */
export type HourlyPeak = { hour: Date; peak: number; refusals: number };

/** One calendar day in `timeZone`: its highest hourly peak, its refusals and its seat-hours. */
export type DailyPeak = { day: string; peak: number; refusals: number; seatHoursUsed: number };

export type RefusalOutcome =
  /** Got a seat later (in line, or by trying again within REFUSAL_FOLLOW_UP_MINUTES). */
  | "GRANTED_LATER"
  /** Never got a seat: left the line, or did not wait and did not come back in time. */
  | "GAVE_UP"
  /** Still waiting in line now. */
  | "WAITING";

export type RefusalItem = {
  at: Date;
  userId: string | null;
  /** The name recorded with the event (history keeps the name of the time). */
  name: string;
  poolId: string | null;
  poolName: string | null;
  /** Seconds from the refusal until the seat came or they gave up (or until now, while waiting). */
  waitedSeconds: number;
  outcome: RefusalOutcome;
};

export type AgentUsage = {
  userId: string;
  name: string;
  email: string | null;
  /** Their license today (null: none any more). */
  license: { kind: "NAMED" | "CONCURRENT"; poolId: string | null; poolName: string | null } | null;
  /** Hours of real use: each lease from its grant to its last activity (an idle-timeout tail is not use). */
  activeHours: number;
  /** Hours a seat was held, idle-timeout tails included. */
  heldHours: number;
  /** Calendar days (in `timeZone`) on which they held a seat, however briefly. */
  daysActive: number;
  /** Seats checked out in the period (a lease is counted where it started). */
  leases: number;
  refusals: number;
  /** Total seconds waited after refusals (see RefusalItem.waitedSeconds). */
  waitedSeconds: number;
};

/** One pool's (or the named seats') line in an "all" report. */
export type ScopeSummary = {
  scope: "named" | (string & {});
  name: string;
  /** Seats owned today: the pool's size, or the named seats of the entitlement. */
  seats: number;
  peak: number;
  refusals: number;
  seatHoursUsed: number;
};

export type UsageReport = {
  from: Date;
  to: Date;
  scope: UsageScope;
  /** "Named seats", "All seats" or the pool's name. */
  scopeName: string;
  timeZone: string;
  /** The database clock when the report was made: live leases count up to this moment. */
  generatedAt: Date;
  /** No lease and no refusal in the period: `message` says so and every number is zero. */
  empty: boolean;
  message: string | null;
  /** Seats owned today in this scope (pool sizes, named seats owned), the capacity of seat-hours. */
  seats: number;
  /** Highest number of seats held at once over the whole period. */
  peak: number;
  /** Every hour of the period, in order. */
  hourlyPeaks: HourlyPeak[];
  /** Every day of the period, in order. */
  dailyPeaks: DailyPeak[];
  /** heatmap[weekday][hour]: average seats in use in that hour of the week over the period. */
  heatmap: number[][];
  /** heatmapPeak[weekday][hour]: the highest peak seen in that hour of the week. */
  heatmapPeak: number[][];
  refusals: {
    count: number;
    /** Refused checkout attempts / all checkout attempts (grants + refusals), 0-100. */
    ratePercent: number;
    /** Newest first, at most REFUSAL_ITEMS_LIMIT; `truncated` when there were more. */
    items: RefusalItem[];
    truncated: boolean;
  };
  /** Seat-hours held by someone (idle-timeout tails included). */
  seatHoursUsed: number;
  /** Seat-hours owned and held by no one: seats × hours − used (never below zero). */
  seatHoursIdle: number;
  /** Seat-hours held after the holder's last activity, until the idle timeout released them. */
  seatHoursHeldIdle: number;
  /** Seats owned × hours of the period. */
  seatHoursOwned: number;
  /** Most active first. */
  agents: AgentUsage[];
  /** For scope "all": one line per pool and one for named seats. Empty otherwise. */
  scopes: ScopeSummary[];
};

export type ServiceLevel =
  /** At most `percent` % (0-100) of checkout attempts refused at once. */
  | { kind: "maxRefusalRate"; percent: number }
  /** No one waits more than `minutes` for a seat; a wish that never gets a seat breaks it too. */
  | { kind: "maxWaitMinutes"; minutes: number };

export type OptimizerInput = {
  from: Date;
  to: Date;
  /** Price of one named seat per month, in cents. Default: the entitlement's price. */
  namedPriceCents?: number;
  /** Price of one concurrent seat per month, in cents. Default: the entitlement's price. */
  concurrentPriceCents?: number;
  serviceLevel: ServiceLevel;
};

/** What a replay of the recorded demand against a mix would have produced. */
export type ReplayOutcome = {
  /** Checkout attempts: one per wish for a seat (see the demand model in optimizer docs). */
  attempts: number;
  /** Attempts that found no seat at once. */
  refused: number;
  /** refused / attempts × 100 (0 when there were no attempts). */
  refusalRate: number;
  /** Of the refused: how many never got a seat before their wish ended. */
  gaveUp: number;
  /** Waits of the refused attempts (0 when none was refused). */
  waits: { p50Seconds: number; p95Seconds: number; maxSeconds: number };
  /** Whether the service level asked for was met. */
  meetsServiceLevel: boolean;
};

export type NamedPick = {
  userId: string;
  name: string;
  /** In plain words: "in use 7.6 h a day on 64 of 65 working days". */
  reason: string;
  demandHours: number;
  /** Hours wanted per day on the days they wanted a seat. */
  hoursPerDay: number;
  /**
   * Busy spells (stretches with someone of the group in progress throughout: in practice days)
   * with a moment when more agents of the group wanted a seat at once than the group's
   * concurrent seats recommended, and on how many of those this agent was one of them: why a
   * light user can be worth a named seat ("holds a seat at the busiest moments").
   */
  busySpells?: number;
  busySpellsPresent?: number;
};

/**
 * The proof that comes with a recommendation: no mix meeting the service level on the replayed
 * demand costs less than `lowerBound`, so the recommendation is at most `gapPercent` above the
 * cheapest possible (0: it is the cheapest). See server/insight/cheapest-mix.ts.
 */
export type MixProof = {
  lowerBound: Money;
  /** Rounded up to 0.1; null when no bound above zero could be proven. */
  gapPercent: number | null;
  /** In plain words: how the bound was proven. */
  method: string;
};

/** One group of agents that share concurrent seats today: a pool, or today's named agents. */
export type PoolRecommendation = {
  /** A SeatPool id, or "named" for the agents who hold named seats today. */
  scope: "named" | (string & {});
  name: string;
  agents: number;
  namedToday: number;
  concurrentToday: number;
  /** Agents of this group recommended for named seats. */
  named: NamedPick[];
  /** Concurrent seats the other agents of this group would share. */
  concurrentSeats: number;
  replay: ReplayOutcome;
  proof?: MixProof;
};

export type Money = { cents: number; currency: string };

export type Recommendation = {
  from: Date;
  to: Date;
  serviceLevel: ServiceLevel;
  namedPriceCents: number;
  concurrentPriceCents: number;
  currency: string;
  /** No demand in the period: `message` says so, the mix keeps today's seats. */
  empty: boolean;
  message: string | null;
  named: NamedPick[];
  concurrentSeats: number;
  /** Seats owned today (entitlement) and what they cost per month. */
  today: { namedSeats: number; concurrentSeats: number };
  costToday: Money;
  costRecommended: Money;
  /** costToday − costRecommended (negative: the recommendation costs more, to meet the service level). */
  savingPerMonth: Money;
  /** Replay of the recorded demand against today's allocation (named agents, pool sizes). */
  replayToday: ReplayOutcome;
  /** Replay of the same demand against the recommendation. */
  replay: ReplayOutcome;
  pools: PoolRecommendation[];
  /** Plain sentences, like the product brief: "These 7 work all day: named. ..." */
  explanation: string[];
  /** The sum of the groups' proofs (absent when there was no demand). */
  proof?: MixProof;
};

/** The admin's own mix: who holds named seats, and how many concurrent seats each group shares. */
export type WhatIfInput = {
  from: Date;
  to: Date;
  namedPriceCents?: number;
  concurrentPriceCents?: number;
  serviceLevel: ServiceLevel;
  /** Agents given named seats in this mix. */
  namedUserIds: string[];
  /** Concurrent seats per group (PoolRecommendation.scope); a group left out gets 0. */
  concurrentSeats: { scope: string; seats: number }[];
};

export type WhatIfOutcome = {
  from: Date;
  to: Date;
  currency: string;
  empty: boolean;
  message: string | null;
  namedSeats: number;
  concurrentSeats: number;
  costToday: Money;
  cost: Money;
  replay: ReplayOutcome;
  pools: (Omit<PoolRecommendation, "named"> & { namedUserIds: string[] })[];
  explanation: string[];
};

/** The most refusal lines a report lists (the count is always complete). */
export const REFUSAL_ITEMS_LIMIT = 200;
/** A refusal followed by a grant to the same person within this many minutes counts as one wish, served late. */
export const REFUSAL_FOLLOW_UP_MINUTES = 60;
/** A refused wish that never got a seat is counted as wanting it for at least this long. */
export const REFUSED_WISH_MINUTES = 15;
