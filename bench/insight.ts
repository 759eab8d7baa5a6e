/**
 * `npm run bench:insight`: the license insight reports and the seat mix optimizer over one year of
 * history of 2,000 agents in 20 pools (bench/lib/insight-generator.ts), on a scratch database of
 * the test PostgreSQL (dropped afterwards). Prints the time of each step against the targets:
 * reports under 1 s, the optimizer under 5 s (on 2 cores) for each service level (no refusal, at
 * most 1% refused, no wait over 15 minutes), with the proven gap of its answer above the cheapest
 * possible mix (0% for no refusal: the integer program is solved exactly). The first rollups of the year (what
 * the background job of a running app does once, then minutes at a time as history arrives)
 * are timed apart. Reports are in the desk's time zone (Europe/Paris here), as the app asks them.
 *
 * Settings: SEATDESK_TEST_PG_PORT or TEST_DATABASE_URL (PostgreSQL); BENCH_KEEP_DATABASE=1 keeps
 * the generated database and prints its name, BENCH_DATABASE_NAME reuses one (no generation).
 */
import "../scripts/lib/allow-server-only";
import os from "node:os";
import { closeDb, createDb, type Db } from "../server/db/client";
import { createBenchDatabase, type BenchDatabase } from "./lib/database";
import { databaseUrlOn, openTestServer } from "../scripts/lib/test-server";
import { BENCH_TIME_ZONE, generateInsightHistory } from "./lib/insight-generator";
import { fmt, passFail, table } from "./lib/report";
import { getUsageReport } from "../server/insight/usage-report";
import { recommendSeatMix } from "../server/insight/optimizer";
import type { Recommendation, ServiceLevel } from "../server/insight/types";
import { refreshSeatUsageRollup } from "../server/insight/rollup";
import { refreshAgentDayRollup } from "../server/insight/agent-rollup";

const TARGETS = { reportsSeconds: 1, optimizerSeconds: 5 };
const started = Date.now();
const log = (line: string) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await fn();
  return [result, (performance.now() - t0) / 1000];
}

async function main(): Promise<number> {
  let database: BenchDatabase | null = null;
  let db: Db | null = null;
  const cleanup = async () => {
    if (db) await closeDb(db);
    await database?.drop();
  };
  process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));
  try {
    log(`load average ${load()}; ${os.cpus().length} CPUs; making the database…`);
    const today = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const yearStart = new Date(today.getTime() - 365 * 86_400_000);
    let url: string;
    if (process.env.BENCH_DATABASE_NAME) {
      const server = await openTestServer();
      url = databaseUrlOn(server.serverUrl, process.env.BENCH_DATABASE_NAME);
      database = { url, drop: server.stop };
    } else {
      database = await createBenchDatabase();
      url = database.url;
      if (process.env.BENCH_KEEP_DATABASE) {
        log(`keeping the database: BENCH_DATABASE_NAME=${new URL(url).pathname.slice(1)}`);
        const { drop } = database;
        database = {
          url,
          drop: async () => {
            void drop;
          },
        };
      }
      log("generating one year of seat history…");
      await generateInsightHistory(url, yearStart, log);
    }
    db = createDb(url, { max: 4 });
    const [counts] = await db.$queryRaw<[{ leases: number; events: number; refusals: number }]>`
      select (select count(*)::int from "SeatLease") as leases, (select count(*)::int from "SeatEvent") as events,
        (select count(*)::int from "SeatEvent" where type = 'REFUSED') as refusals`;
    log(
      `history: ${counts.leases.toLocaleString("en-US")} leases, ${counts.events.toLocaleString("en-US")} ` +
        `events (${counts.refusals.toLocaleString("en-US")} refusals)`,
    );

    // What the background job does once after an upgrade (then minutes at a time as history arrives).
    const [, hourSeconds] = await timed(() => refreshSeatUsageRollup(db!));
    const [, agentSeconds] = await timed(() => refreshAgentDayRollup(db!, BENCH_TIME_ZONE));
    log(
      `first rollup of the year (once, in the background): per hour ${fmt(hourSeconds, 1)} s, per person ` +
        `and day ${fmt(agentSeconds, 1)} s`,
    );

    const period = { from: yearStart, to: today };
    const rows: (string | number)[][] = [];
    let reportsTotal = 0;
    for (const [label, scope] of [
      ["report: all seats, 1 year", "all"],
      ["report: named seats, 1 year", "named"],
      ["report: one pool, 1 year", "bp01"],
    ] as const) {
      const [report, seconds] = await timed(() => getUsageReport(db!, { ...period, scope }));
      if (scope !== "bp01") reportsTotal += seconds;
      rows.push([
        label,
        fmt(seconds, 3),
        `peak ${report.peak}, ${report.refusals.count.toLocaleString("en-US")} ` +
          `refusals, ${report.agents.length} agents, ${fmt(report.seatHoursUsed)} seat-hours`,
      ]);
    }
    const levels: [string, ServiceLevel][] = [
      ["no refusal", { kind: "maxRefusalRate", percent: 0 }],
      ["at most 1% refused", { kind: "maxRefusalRate", percent: 1 }],
      ["no wait over 15 min", { kind: "maxWaitMinutes", minutes: 15 }],
    ];
    const optimizerRuns: { label: string; seconds: number; gap: number | null; noRefusal: boolean }[] = [];
    let rec: Recommendation | null = null;
    for (const [label, serviceLevel] of levels) {
      // This process's CPU time beside the wall clock: on a shared machine the difference is the wait for a core.
      const cpu = process.cpuUsage();
      const [result, seconds] = await timed(() => recommendSeatMix(db!, { ...period, serviceLevel }));
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      rec ??= result;
      const gap = result.proof?.gapPercent ?? null;
      optimizerRuns.push({ label, seconds, gap, noRefusal: label === "no refusal" });
      rows.push([
        `optimizer: 1 year, ${label}`,
        fmt(seconds, 3),
        `${result.named.length} named + ${result.concurrentSeats} concurrent, ` +
          `gap ${gap === null ? "unproven" : `${gap}%`}, ${result.replay.refused.toLocaleString("en-US")} ` +
          `refused, ${fmt(cpuSeconds, 1)} s CPU here`,
      ]);
    }
    console.log("\nLicense insight over one year, 2,000 agents, 20 pools\n");
    console.log(table(["step", "seconds", "result"], rows));
    console.log("");
    console.log(
      `  reports (all seats + named seats): ${fmt(reportsTotal, 3)} s, target < ${TARGETS.reportsSeconds} ` +
        `s: ${passFail(reportsTotal < TARGETS.reportsSeconds)}`,
    );
    for (const run of optimizerRuns)
      console.log(
        `  optimizer, ${run.label}: ${fmt(run.seconds, 3)} s, target < ${TARGETS.optimizerSeconds} ` +
          `s: ${passFail(run.seconds < TARGETS.optimizerSeconds)}; proven ` +
          `gap ${run.gap === null ? "none" : `${run.gap}%`}` +
          (run.noRefusal ? `, target 0%: ${passFail(run.gap === 0)}` : " (as small as possible)"),
      );
    console.log(`  load average at the end: ${load()}`);
    console.log(`\n  ${rec!.explanation.slice(-3).join("\n  ")}`);
    return 0;
  } catch (error) {
    console.error(error);
    return 1;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
