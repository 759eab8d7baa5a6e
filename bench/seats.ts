/**
 * `npm run bench:seats`: how fast and how safely seats are handed out, in one run.
 *  (a) the ceiling: checkout-and-release cycles/s with 1, 10 and 50 closed-loop clients, over
 *      HTTP, through the domain functions and as bare SQL (the physical limit);
 *  (b) latency over HTTP at a fixed arrival rate (open loop);
 *  (c) a storm: 1,000 agents ask for one of 50 seats at the same instant.
 * A production build on its own port and database (dropped afterwards). A missed target is a
 * measurement (exit 0); an error is not (exit 1): a request the app failed (e.g. HTTP 500), an
 * answer no run should get (a refusal where every checkout must be granted), or the run itself.
 *
 * Settings: BENCH_SECONDS (per measurement, default 5), BENCH_PORT (default 3201),
 * SEATDESK_DIST_DIR (build folder), SEATDESK_TEST_PG_PORT or TEST_DATABASE_URL (PostgreSQL).
 */
import "../scripts/lib/allow-server-only";
import os from "node:os";
import { ensureBuilt, startAppServer, type AppServer } from "../scripts/lib/app-server";
import { closeDb, createDb } from "../server/db/client";
import { createBenchDatabase, type BenchDatabase } from "./lib/database";
import { BENCH_PASSWORD, createBenchOrg, markConsoleSessionsStarted, moveAgentsToPool } from "./lib/fixtures";
import { signInAll } from "../scripts/lib/agent-client";
import { measureBare, measureDomain, measureHttp, type CeilingRow } from "./lib/ceiling";
import { measureLatency, type LatencyResult } from "./lib/latency";
import { runStorm, type StormResult } from "./lib/storm";
import { fmt, passFail, pct, table } from "./lib/report";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3201);
const CLIENTS = [1, 10, 50];
const AGENTS = 1000; // the storm's crowd; before it, one agent per checkout of the latency run
const STORM_SEATS = 50;
const LATENCY = { ratePerSecond: 100, seconds: 10, lateAfterMs: 5 };
const TARGETS = { p99Ms: 50, httpShareOfBare: 0.3 };

const started = Date.now();
const log = (line: string) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

async function main(): Promise<number> {
  const timing = { warmupMs: 1000, measureMs: SECONDS * 1000 };
  let database: BenchDatabase | null = null;
  let app: AppServer | null = null;
  let cleaned: Promise<void> | null = null;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await app?.stop();
      await database?.drop();
    })());
  process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));
  const ceiling: CeilingRow[] = [];
  let latency: LatencyResult;
  let storm: StormResult;
  try {
    log(`load average ${load()}; making the database…`);
    database = await createBenchDatabase();
    // The domain functions read their configuration (seat clocks) from the environment; the
    // build needs it too (it prerenders what it can).
    process.env.DATABASE_URL = database.url;
    process.env.NEXTAUTH_SECRET ??= "bench-secret-that-is-long-enough";
    log("checking the build…");
    await ensureBuilt();

    const setupDb = createDb(database.url, { max: 4 });
    try {
      const org = await createBenchOrg(setupDb, { agents: AGENTS, stormSeats: STORM_SEATS });
      app = await startAppServer({
        port: PORT,
        databaseUrl: database.url,
        quiet: true,
        env: { LOG_LEVEL: "warn", SEATDESK_DISABLE_SWEEPER: "1" },
      });
      log(`app on ${app.url}; signing ${org.agents.length} agents in through the API…`);
      const agents = await signInAll(app.url, org.agents, BENCH_PASSWORD);
      await markConsoleSessionsStarted(setupDb);

      for (const clients of CLIENTS) {
        log(
          `(a) ${clients} client(s): bare SQL, domain, HTTP, ${timing.measureMs / 1000} s each (load ` +
            `average ${load()})…`,
        );
        const bare = await measureBare(database.url, org.throughput, org.agents, clients, timing);
        const domain = await measureDomain(database.url, org.agents, clients, timing);
        const http = await measureHttp({ databaseUrl: database.url, pid: app.process.pid! }, agents, clients, timing);
        ceiling.push({ clients, bare, domain, http });
      }

      log(`(b) ${LATENCY.ratePerSecond} checkouts/s over HTTP for ${LATENCY.seconds} s (load average ${load()})…`);
      latency = await measureLatency(agents, LATENCY);

      log(`(c) storm: ${agents.length} agents, ${STORM_SEATS} seats (load average ${load()})…`);
      await moveAgentsToPool(setupDb, org.storm);
      storm = await runStorm(database.url, org.storm, agents);
    } finally {
      await closeDb(setupDb);
    }

    const at10 = ceiling.find((r) => r.clients === 10)!;
    const httpShare = at10.http.perSecond / at10.bare.perSecond;
    const errors = [...ceiling.flatMap((r) => [r.bare, r.domain, r.http]), latency, storm].filter((r) => r.errors > 0);

    console.log(
      `
seatdesk seat benchmark: ${os.cpus().length} CPUs (load average now ${load()}), ` +
        `Node ${process.version}, ${SECONDS} s per measurement after 1 s warm-up

(a) Ceiling: checkout + release cycles per second, closed loop (each client a distinct agent)
${table(
  ["clients", "bare SQL", "domain", "HTTP", "domain / bare", "HTTP / bare", "errors"],
  ceiling.map((r) => [
    r.clients,
    fmt(r.bare.perSecond),
    fmt(r.domain.perSecond),
    fmt(r.http.perSecond),
    pct(r.domain.perSecond / r.bare.perSecond),
    pct(r.http.perSecond / r.bare.perSecond),
    r.bare.errors + r.domain.errors + r.http.errors,
  ]),
)}

CPU per cycle in ms: the Node process doing the seat work (this one for bare SQL and the domain, the app ` +
        `server over HTTP) / PostgreSQL
${table(
  ["clients", "bare SQL", "domain", "HTTP"],
  ceiling.map((r) => [
    r.clients,
    ...[r.bare, r.domain, r.http].map(
      (m) => `${fmt(m.cpuPerCycle?.nodeMs ?? NaN, 1)} / ${fmt(m.cpuPerCycle?.postgresMs ?? NaN, 1)}`,
    ),
  ]),
)}

(b) Checkout latency over HTTP, open loop at ${latency.rate}/s for ${latency.seconds} s, each by another ` +
        `agent (from the scheduled send time)
${table(
  ["sent", "p50 ms", "p95 ms", "p99 ms", "max ms", `late to send (> ${latency.lateAfterMs} ms)`, "errors"],
  [
    [
      latency.sent,
      fmt(latency.p50, 1),
      fmt(latency.p95, 1),
      fmt(latency.p99, 1),
      fmt(latency.max, 1),
      latency.late,
      latency.errors,
    ],
  ],
)}

(c) Storm: ${storm.agents} agents ask for one of ${storm.seats} seats at once over HTTP
${table(
  ["granted", "refused", "errors", "open leases", "over-allocated", "took s"],
  [[storm.granted, storm.refused, storm.errors, storm.openLeases, storm.overAllocated, fmt(storm.seconds, 2)]],
)}

Targets
${table(
  ["target", "measured", "result"],
  [
    [`(b) p99 < ${TARGETS.p99Ms} ms`, `${fmt(latency.p99, 1)} ms`, passFail(latency.p99 < TARGETS.p99Ms)],
    [
      `(a) HTTP at 10 clients >= ${pct(TARGETS.httpShareOfBare)} of bare SQL`,
      `${fmt(at10.http.perSecond)} / ${fmt(at10.bare.perSecond)} = ${pct(httpShare)}`,
      passFail(httpShare >= TARGETS.httpShareOfBare),
    ],
    ["(c) over-allocated = 0", String(storm.overAllocated), passFail(storm.overAllocated === 0)],
  ],
)}
`,
    );
    for (const r of errors) console.error(`error: ${r.errors} failed, the first: ${r.firstError}`);
    log("done");
    return errors.length > 0 ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
