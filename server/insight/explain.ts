import "server-only";
import type { MixProof, Money, NamedPick, ReplayOutcome, ServiceLevel } from "./types";
import { formatMoney } from "./money";
import type { DemandAgent } from "./load-demand";

/*
 * The recommendation in plain words, the way the product brief puts it: "these 7 work all day:
 * named; the other 20 never needed more than 4 at once: 4 concurrent".
 */

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
const hours = (seconds: number) => (seconds / 3600).toFixed(1);

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function describeServiceLevel(level: ServiceLevel): string {
  return level.kind === "maxRefusalRate"
    ? `at most ${level.percent}% of checkout attempts refused`
    : `no one waits more than ${plural(level.minutes, "minute")}`;
}

export function namedReason(agent: DemandAgent, periodDays: number): string {
  const perDay = agent.wishDays ? agent.demandSeconds / agent.wishDays : 0;
  return `in use ${hours(perDay)} h a day on ${agent.wishDays} of ${periodDays} days`;
}

/**
 * Busy spells of a group: those with more agents wanting a seat at once than `seats`, and how many
 * one agent was in.
 */
export type BusyPresence = { spells: number; present: number; seats: number };

/** "holds a seat at the busiest moments": why a named seat pays for someone who may use it little. */
export function busyReason(busy: BusyPresence): string {
  const more = `more than ${plural(busy.seats, "agent")} of the group wanted a seat at once`;
  return (
    `holds a seat at the busiest moments: wanted one during ${busy.present} of ` +
    `the ${plural(busy.spells, "busy spell")} when ${more}`
  );
}

export function namedPick(agent: DemandAgent, periodDays: number, busy?: BusyPresence | null): NamedPick {
  const hoursPerDay = agent.wishDays ? Math.round((agent.demandSeconds / agent.wishDays / 3600) * 10) / 10 : 0;
  const pick: NamedPick = {
    userId: agent.userId,
    name: agent.name,
    reason: namedReason(agent, periodDays),
    demandHours: Math.round((agent.demandSeconds / 3600) * 10) / 10,
    hoursPerDay,
  };
  if (busy && busy.spells > 0) {
    pick.reason = `${pick.reason}; ${busyReason(busy)}`;
    pick.busySpells = busy.spells;
    pick.busySpellsPresent = busy.present;
  }
  return pick;
}

/** The proof in words: "the cheapest possible" or "at most 2.3% above the cheapest possible (at least ...)". */
export function describeProof(proof: MixProof, cost: Money): string {
  if (proof.gapPercent === 0)
    return `This is the cheapest mix that meets the service level on the replayed demand (proven: ${proof.method}).`;
  if (proof.gapPercent === null)
    return (
      `No lower bound above zero could be proven for this history: ${formatMoney(cost)} is the ` +
      `cheapest mix found, not proven the cheapest.`
    );
  return (
    `At most ${proof.gapPercent}% above the cheapest possible: no mix meeting the service level ` +
    `costs less than ${formatMoney(proof.lowerBound)} a month (proven: ${proof.method}).`
  );
}

/** What unusual prices or levels mean for the answer (null: nothing to say). */
export function describePrices(namedPrice: number, concurrentPrice: number, level: ServiceLevel): string | null {
  const lines: string[] = [];
  if (namedPrice === 0 && concurrentPrice === 0)
    lines.push("Both prices are zero, so every mix costs nothing: the recommendation is the one that refuses least.");
  else if (namedPrice === 0)
    lines.push("Named seats cost nothing at these prices, so everyone who wanted a seat can have one of their own.");
  else if (concurrentPrice === 0)
    lines.push(
      "Concurrent seats cost nothing at these prices, so everyone shares, with a seat for everyone at the peak.",
    );
  else if (namedPrice >= concurrentPrice)
    lines.push(
      "A named seat costs at least as much as a concurrent one at these prices: naming someone can save " +
        "at most one shared seat, so no one needs a named seat to be cheapest.",
    );
  if (level.kind === "maxWaitMinutes" && level.minutes === 0)
    lines.push("A longest wait of 0 minutes means no one is ever refused: every checkout must find a seat at once.");
  return lines.length ? lines.join(" ") : null;
}

export function describeNamed(picks: NamedPick[], groupName: string, names = 5): string | null {
  if (picks.length === 0) return null;
  const shown = picks
    .slice(0, names)
    .map((p) => p.name)
    .join(", ");
  const more = picks.length > names ? ` and ${picks.length - names} more` : "";
  const avg = picks.reduce((s, p) => s + p.demandHours, 0) / picks.length;
  const allDay = picks.every((p) => p.hoursPerDay >= 6);
  const these =
    picks.length === 1
      ? allDay
        ? "This one works all day"
        : "This one uses a seat the most"
      : `These ${picks.length} ${allDay ? "work all day" : "use a seat the most"}`;
  const why = allDay ? "" : ", so a named seat costs less than the shared seats they would need";
  return (
    `${groupName}: ${these} (${shown}${more}; ${avg.toFixed(0)} h in the period on ` +
    `average)${why}: ${plural(picks.length, "named seat")}.`
  );
}

export function describeShared(
  groupName: string,
  others: number,
  peak: number,
  seats: number,
  outcome: ReplayOutcome,
  level: ServiceLevel,
): string | null {
  if (others === 0) return null;
  const theOthers = others === 1 ? "the 1 other agent" : `the other ${others}`;
  if (peak === 0) return `${groupName}: ${theOthers} did not use a seat in this period: no concurrent seats needed.`;
  if (seats >= peak)
    return `${groupName}: ${theOthers} never needed more than ${peak} at once: ${plural(seats, "concurrent seat")}.`;
  const refused =
    `${plural(outcome.refused, "attempt")} of ${outcome.attempts.toLocaleString("en-US")} ` +
    `(${outcome.refusalRate}%) would have waited, the longest ${describeWait(outcome.waits.maxSeconds)}`;
  return (
    `${groupName}: ${theOthers} needed up to ${peak} at once, ` +
    `but ${plural(seats, "concurrent seat")} serve them (${describeServiceLevel(level)}): ${refused}.`
  );
}

export function describeReplay(outcome: ReplayOutcome): string {
  if (outcome.refused === 0)
    return (
      `Replaying the ${plural(outcome.attempts, "checkout attempt")} of the period: no one would ` +
      `have been refused.`
    );
  return (
    `Replaying the ${plural(outcome.attempts, "checkout attempt")} of the ` +
    `period: ${outcome.refused.toLocaleString("en-US")} (${outcome.refusalRate}%) would have been refused; ` +
    `waits: half under ${describeWait(outcome.waits.p50Seconds)}, 95% ` +
    `under ${describeWait(outcome.waits.p95Seconds)}, the ` +
    `longest ${describeWait(outcome.waits.maxSeconds)}` +
    (outcome.gaveUp ? `; ${plural(outcome.gaveUp, "attempt")} would never have got a seat` : "") +
    "."
  );
}
