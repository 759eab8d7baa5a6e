import "server-only";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { whatIfInput } from "@/lib/validation/insight";
import { parseInsightInput } from "./parse";
import { loadDemand } from "./load-demand";
import { loadPrices, money, formatMoney } from "./money";
import { addCounts, peakConcurrency, summarize, type ReplayCounts } from "./replay";
import { replayMix } from "./search";
import { describeReplay, describeServiceLevel } from "./explain";
import { costToday } from "./optimizer";
import { noHistoryMessage } from "./period";
import type { ServiceLevel, WhatIfInput, WhatIfOutcome } from "./types";

/*
 * "What if": the administrator's own mix, replayed over the same demand as the optimizer's
 * (groups as today: each pool's members, and today's named agents). Named agents are named
 * wherever their group; each group's other agents share that group's concurrent seats.
 */
export async function replayWhatIf(db: Db, input: WhatIfInput): Promise<WhatIfOutcome> {
  const parsed = parseInsightInput(whatIfInput, input);
  const level = parsed.serviceLevel as ServiceLevel;
  const prices = await loadPrices(db, parsed);
  const demand = await loadDemand(db, parsed.from, parsed.to);

  const known = new Set(demand.groups.flatMap((g) => g.agents.map((a) => a.userId)));
  const unknownAgent = parsed.namedUserIds.find((id) => !known.has(id));
  if (unknownAgent)
    throw new AppError(
      "BAD_REQUEST",
      "Named seats can go only to agents who hold a license today; one of the chosen people does not.",
      { userId: unknownAgent },
      "namedUserIds",
    );
  const scopes = new Set(demand.groups.map((g) => g.scope));
  const seatsOf = new Map<string, number>();
  for (const entry of parsed.concurrentSeats) {
    if (!scopes.has(entry.scope))
      throw new AppError(
        "BAD_REQUEST",
        "That pool does not exist any more: reload the page.",
        { scope: entry.scope },
        "concurrentSeats",
      );
    seatsOf.set(entry.scope, (seatsOf.get(entry.scope) ?? 0) + entry.seats);
  }

  const namedIds = new Set(parsed.namedUserIds);
  const parts: ReplayCounts[] = [];
  const explanation: string[] = [];
  const pools = demand.groups.map((group) => {
    const flags = new Uint8Array(group.agents.length);
    group.agents.forEach((a, i) => (flags[i] = namedIds.has(a.userId) ? 1 : 0));
    const seats = seatsOf.get(group.scope) ?? 0;
    const counts = replayMix(group.wishes, flags, seats);
    parts.push(counts);
    const outcome = summarize(counts, level);
    const namedUserIds = group.agents.filter((_, i) => flags[i]).map((a) => a.userId);
    const others = group.agents.length - namedUserIds.length;
    const peak = peakConcurrency(group.wishes, flags);
    const name = group.namedToday ? "Today's named agents" : group.name;
    if (others > 0 && peak > 0) {
      explanation.push(
        seats >= peak
          ? `${name}: the ${others} sharing ${seats} seats never needed more than ${peak} at once: no one refused.`
          : `${name}: the ${others} sharing ${seats} seats needed up to ${peak} at ` +
              `once: ${outcome.refused} of ${outcome.attempts} attempts (${outcome.refusalRate}%) refused.`,
      );
    }
    return {
      scope: group.scope,
      name: group.name,
      agents: group.agents.length,
      namedToday: group.namedToday ? group.agents.length : 0,
      concurrentToday: group.seatsToday,
      concurrentSeats: seats,
      replay: outcome,
      namedUserIds,
    };
  });

  const namedSeats = pools.reduce((n, p) => n + p.namedUserIds.length, 0);
  const concurrentSeats = pools.reduce((n, p) => n + p.concurrentSeats, 0);
  const cost = money(
    namedSeats * prices.namedPriceCents + concurrentSeats * prices.concurrentPriceCents,
    prices.currency,
  );
  const today = money(costToday(prices), prices.currency);
  const replay = summarize(addCounts(parts), level);
  const empty = demand.totalWishes === 0;
  if (empty) explanation.unshift(noHistoryMessage(parsed.from, parsed.to));
  else explanation.push(describeReplay(replay));
  explanation.push(
    `${namedSeats} named and ${concurrentSeats} concurrent seats cost ${formatMoney(cost)} a month ` +
      `(today ${formatMoney(today)}); ` +
      (replay.meetsServiceLevel
        ? `this meets the service level (${describeServiceLevel(level)}).`
        : `this does not meet the service level (${describeServiceLevel(level)}).`),
  );
  return {
    from: parsed.from,
    to: parsed.to,
    currency: prices.currency,
    empty,
    message: empty ? noHistoryMessage(parsed.from, parsed.to) : null,
    namedSeats,
    concurrentSeats,
    costToday: today,
    cost,
    replay,
    pools,
    explanation,
  };
}
