import "server-only";
import type { Db } from "../db/client";
import { optimizerInput } from "@/lib/validation/insight";
import { parseInsightInput } from "./parse";
import { startLoadingDemand, type Demand, type DemandGroup } from "./load-demand";
import { loadPrices, money, formatMoney, type Prices } from "./money";
import { addCounts, peakConcurrency, summarize, type ReplayCounts } from "./replay";
import { replayMix } from "./search";
import { cheapestMix, fullestMomentsOf, gapPercent, type ProvenMix } from "./cheapest-mix";
import { loadSolver } from "./seat-program";
import { busyMoments } from "./moments";
import {
  describeNamed,
  describePrices,
  describeProof,
  describeReplay,
  describeServiceLevel,
  describeShared,
  namedPick,
} from "./explain";
import { noHistoryMessage } from "./period";
import type {
  MixProof,
  OptimizerInput,
  PoolRecommendation,
  Recommendation,
  ReplayOutcome,
  ServiceLevel,
} from "./types";

/*
 * The seat mix optimizer. Agents are grouped as they share seats today (each pool's members;
 * the named agents), and each group gets its own cheapest mix meeting the service level: a
 * pool's members keep sharing among themselves, so every team gets the service level asked
 * for (a stricter promise than one average over the whole organisation). Today's named agents
 * who are not worth a named seat would share a new pool of their own.
 * The demand model is in demand.ts, the replay rules in replay.ts, the search for the cheapest
 * mix and its proof in cheapest-mix.ts.
 */

/** Today's allocation of a group: named agents keep named seats, pool members share the pool. */
export function todaysMix(group: DemandGroup): { named: Uint8Array; seats: number } {
  const named = new Uint8Array(group.agents.length);
  if (group.namedToday) named.fill(1);
  return { named, seats: group.seatsToday };
}

export function periodDays(from: Date, to: Date): number {
  return Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 86_400_000));
}

export function costToday(prices: Prices): number {
  return prices.namedOwned * prices.namedPriceCents + prices.concurrentOwned * prices.concurrentPriceCents;
}

export function replayToday(demand: Demand, level: ServiceLevel): ReplayOutcome {
  const parts: ReplayCounts[] = demand.groups.map((g) => {
    const mix = todaysMix(g);
    return replayMix(g.wishes, mix.named, mix.seats);
  });
  return summarize(addCounts(parts), level);
}

function emptyRecommendation(
  input: { from: Date; to: Date; serviceLevel: ServiceLevel },
  prices: Prices,
): Recommendation {
  const today = money(costToday(prices), prices.currency);
  const none = summarize({ attempts: 0, refused: 0, gaveUp: 0, waits: [] }, input.serviceLevel);
  const message = noHistoryMessage(input.from, input.to);
  return {
    from: input.from,
    to: input.to,
    serviceLevel: input.serviceLevel,
    namedPriceCents: prices.namedPriceCents,
    concurrentPriceCents: prices.concurrentPriceCents,
    currency: prices.currency,
    empty: true,
    message,
    named: [],
    concurrentSeats: prices.concurrentOwned,
    today: { namedSeats: prices.namedOwned, concurrentSeats: prices.concurrentOwned },
    costToday: today,
    costRecommended: today,
    savingPerMonth: money(0, prices.currency),
    replayToday: none,
    replay: none,
    pools: [],
    explanation: [message, "Keep today's seats until there is history to learn from."],
  };
}

/** Recommends the cheapest mix of named and concurrent seats that meets the service level on the recorded demand. */
export async function recommendSeatMix(db: Db, input: OptimizerInput): Promise<Recommendation> {
  const parsed = parseInsightInput(optimizerInput, input);
  const level = parsed.serviceLevel as ServiceLevel;
  const [prices, loading, solver] = await Promise.all([
    loadPrices(db, parsed),
    startLoadingDemand(db, parsed.from, parsed.to),
    loadSolver(),
  ]);

  const days = periodDays(parsed.from, parsed.to);
  const groups: DemandGroup[] = [];
  const pools: PoolRecommendation[] = [];
  const parts: ReplayCounts[] = [];
  const explanation: string[] = [];
  // The solver's time is shared among the groups by their number of agents (see cheapest-mix.ts).
  const searchUntil = performance.now() + SEARCH_SECONDS_TOTAL * 1000;
  let agentsLeft = loading.groupSizes.reduce((n, size) => n + size, 0);
  let lowerBound = 0;
  const methods = new Set<ProvenMix["method"]>();
  // Each group is searched as soon as its history has come, while PostgreSQL reads the next ones.
  for (const pending of loading.groups) {
    const group = await pending;
    groups.push(group);
    const share = agentsLeft > 0 ? Math.min(1, group.agents.length / agentsLeft) : 1;
    agentsLeft -= group.agents.length;
    const seconds = Math.max(MIN_GROUP_SECONDS, ((searchUntil - performance.now()) / 1000) * share);
    const mix = cheapestMix(
      {
        wishes: group.wishes,
        agents: group.agents.length,
        demandSeconds: group.agents.map((a) => a.demandSeconds),
        namedPrice: prices.namedPriceCents,
        concurrentPrice: prices.concurrentPriceCents,
        level,
        solver,
      },
      seconds,
    );
    lowerBound += mix.lowerBound;
    methods.add(mix.method);
    // Why each is named: the busy spells when more of the group wanted a seat than the seats shared.
    const busy = mix.named.length
      ? busyMoments(fullestMomentsOf(group.wishes, group.agents.length), group.agents.length, mix.seats)
      : null;
    const named = mix.named
      .map((i) =>
        namedPick(
          group.agents[i]!,
          days,
          busy && { spells: busy.spells, present: busy.perAgent[i]!, seats: mix.seats },
        ),
      )
      .sort((a, b) => b.demandHours - a.demandHours || a.name.localeCompare(b.name));
    const flags = new Uint8Array(group.agents.length);
    for (const i of mix.named) flags[i] = 1;
    const outcome = summarize(mix.counts, level);
    parts.push(mix.counts);
    pools.push({
      scope: group.scope,
      name: group.name,
      agents: group.agents.length,
      namedToday: group.namedToday ? group.agents.length : 0,
      concurrentToday: group.seatsToday,
      named,
      concurrentSeats: mix.seats,
      replay: outcome,
      proof: proofOf(mix.cost, mix.lowerBound, [mix.method], prices.currency),
    });
    const groupName = group.namedToday ? "Today's named agents" : group.name;
    const namedLine = describeNamed(named, groupName);
    if (namedLine) explanation.push(namedLine);
    const sharedLine = describeShared(
      groupName,
      group.agents.length - named.length,
      peakConcurrency(group.wishes, flags),
      mix.seats,
      outcome,
      level,
    );
    if (sharedLine)
      explanation.push(group.namedToday && mix.seats > 0 ? `${sharedLine} They would share a new pool.` : sharedLine);
  }

  const demand: Demand = {
    lengthSeconds: loading.lengthSeconds,
    groups,
    totalWishes: groups.reduce((n, g) => n + g.wishes.starts.length, 0),
  };
  if (demand.totalWishes === 0)
    return emptyRecommendation({ from: parsed.from, to: parsed.to, serviceLevel: level }, prices);

  const namedAll = pools.flatMap((p) => p.named);
  const concurrentSeats = pools.reduce((n, p) => n + p.concurrentSeats, 0);
  const today = money(costToday(prices), prices.currency);
  const recommended = money(
    namedAll.length * prices.namedPriceCents + concurrentSeats * prices.concurrentPriceCents,
    prices.currency,
  );
  const replay = summarize(addCounts(parts), level);
  const todayReplay = replayToday(demand, level);
  const saving = today.cents - recommended.cents;
  const whyMore = todayReplay.meetsServiceLevel
    ? `each pool is held to the service level (${describeServiceLevel(level)}) on its own`
    : `today's seats do not meet the service level (${describeServiceLevel(level)})`;
  explanation.push(
    saving >= 0
      ? `${namedAll.length} named and ${concurrentSeats} concurrent seats ` +
          `cost ${formatMoney(recommended)} a month, against ${formatMoney(today)} today (${prices.namedOwned} ` +
          `named, ${prices.concurrentOwned} concurrent): ${formatMoney(money(saving, prices.currency))} less.`
      : `${namedAll.length} named and ${concurrentSeats} concurrent seats ` +
          `cost ${formatMoney(recommended)} a month, ${formatMoney(money(-saving, prices.currency))} more than ` +
          `today's ${formatMoney(today)}: ${whyMore}.`,
  );
  explanation.push(describeReplay(replay));
  const proof = proofOf(recommended.cents, lowerBound, [...methods], prices.currency);
  explanation.push(describeProof(proof, recommended));
  const priceLine = describePrices(prices.namedPriceCents, prices.concurrentPriceCents, level);
  if (priceLine) explanation.unshift(priceLine);
  return {
    from: parsed.from,
    to: parsed.to,
    serviceLevel: level,
    namedPriceCents: prices.namedPriceCents,
    concurrentPriceCents: prices.concurrentPriceCents,
    currency: prices.currency,
    empty: false,
    message: null,
    named: namedAll,
    concurrentSeats,
    today: { namedSeats: prices.namedOwned, concurrentSeats: prices.concurrentOwned },
    costToday: today,
    costRecommended: recommended,
    savingPerMonth: money(saving, prices.currency),
    replayToday: todayReplay,
    replay,
    pools,
    explanation,
    proof,
  };
}

/** Seconds the solver may spend on all groups together (the benchmark's target is 5 s in all, loading included). */
const SEARCH_SECONDS_TOTAL = 3.5;
/** Each group gets at least this long, however late it comes. */
const MIN_GROUP_SECONDS = 0.3;

const METHOD_WORDS: Record<ProvenMix["method"], string> = {
  "integer program": "the integer program solved to optimality",
  "every subset": "every choice of named agents tried",
  "price rule": "the prices alone decide",
  "relaxation bound": "a relaxation of the service level solved for a lower bound",
};

function proofOf(cost: number, lowerBound: number, methods: ProvenMix["method"][], currency: string): MixProof {
  return {
    lowerBound: money(lowerBound, currency),
    gapPercent: gapPercent(cost, lowerBound),
    method: methods.map((m) => METHOD_WORDS[m]).join("; "),
  };
}
