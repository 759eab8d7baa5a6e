import type { NamedPick, ReplayOutcome, ServiceLevel } from "./types";
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

export function namedPick(agent: DemandAgent, periodDays: number): NamedPick {
  const hoursPerDay = agent.wishDays ? Math.round((agent.demandSeconds / agent.wishDays / 3600) * 10) / 10 : 0;
  return {
    userId: agent.userId,
    name: agent.name,
    reason: namedReason(agent, periodDays),
    demandHours: Math.round((agent.demandSeconds / 3600) * 10) / 10,
    hoursPerDay,
  };
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
  return `${groupName}: ${these} (${shown}${more}; ${avg.toFixed(0)} h in the period on average)${why}: ${plural(picks.length, "named seat")}.`;
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
  const refused = `${plural(outcome.refused, "attempt")} of ${outcome.attempts.toLocaleString("en-US")} (${outcome.refusalRate}%) would have waited, the longest ${describeWait(outcome.waits.maxSeconds)}`;
  return `${groupName}: ${theOthers} needed up to ${peak} at once, but ${plural(seats, "concurrent seat")} serve them (${describeServiceLevel(level)}): ${refused}.`;
}

export function describeReplay(outcome: ReplayOutcome): string {
  if (outcome.refused === 0)
    return `Replaying the ${plural(outcome.attempts, "checkout attempt")} of the period: no one would have been refused.`;
  return `Replaying the ${plural(outcome.attempts, "checkout attempt")} of the period: ${outcome.refused.toLocaleString("en-US")} (${outcome.refusalRate}%) would have been refused; waits: half under ${describeWait(outcome.waits.p50Seconds)}, 95% under ${describeWait(outcome.waits.p95Seconds)}, the longest ${describeWait(outcome.waits.maxSeconds)}${outcome.gaveUp ? `; ${plural(outcome.gaveUp, "attempt")} would never have got a seat` : ""}.`;
}
