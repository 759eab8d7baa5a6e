/**
 * Where the optimizer spends its time, on a kept bench database:
 * `BENCH_DATABASE_NAME=<name> SEATDESK_TEST_PG_PORT=<port> npx tsx bench/lib/insight-profile.ts`
 * (add `node --cpu-prof` through NODE_OPTIONS for a profile). Prints loading and each group's search.
 */
import "../../scripts/lib/allow-server-only";
import { closeDb, createDb } from "../../server/db/client";
import { databaseUrlOn, openTestServer } from "../../scripts/lib/test-server";
import { loadDemand } from "../../server/insight/load-demand";
import { cheapestMix } from "../../server/insight/cheapest-mix";
import { loadSolver } from "../../server/insight/seat-program";
import { loadPrices } from "../../server/insight/money";
import type { ServiceLevel } from "../../server/insight/types";

async function main() {
  const server = await openTestServer();
  const db = createDb(databaseUrlOn(server.serverUrl, process.env.BENCH_DATABASE_NAME!), { max: 4 });
  const today = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
  const from = new Date(today.getTime() - 365 * 86_400_000);
  const level: ServiceLevel =
    process.env.LEVEL === "wait"
      ? { kind: "maxWaitMinutes", minutes: 15 }
      : { kind: "maxRefusalRate", percent: Number(process.env.PERCENT ?? 1) };
  const prices = await loadPrices(db, {});
  let t = performance.now();
  const demand = await loadDemand(db, from, today);
  console.log(`loadDemand ${((performance.now() - t) / 1000).toFixed(2)} s, ${demand.totalWishes} wishes`);
  const results: string[] = [];
  const solver = await loadSolver();
  for (const g of demand.groups) {
    t = performance.now();
    const cpu = process.cpuUsage();
    const mix = cheapestMix({
      solver,
      wishes: g.wishes,
      agents: g.agents.length,
      demandSeconds: g.agents.map((a) => a.demandSeconds),
      namedPrice: prices.namedPriceCents,
      concurrentPrice: prices.concurrentPriceCents,
      level,
    });
    results.push(`${g.scope}:${mix.named.join(".")}/${mix.seats}/${mix.counts.refused}`);
    console.log(
      `${g.name.padEnd(20)} ${g.agents.length} agents ${g.wishes.starts.length} ` +
        `wishes: ${((performance.now() - t) / 1000).toFixed(2)} s ` +
        `(${((process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6).toFixed(2)} s CPU) ` +
        `-> ${mix.named.length} named + ${mix.seats}, bound ${mix.lowerBound} / cost ${mix.cost} (${mix.method})`,
    );
  }
  const { createHash } = await import("node:crypto");
  console.log("result hash", createHash("sha1").update(results.join("|")).digest("hex"));
  await closeDb(db);
  await server.stop();
}
void main();
