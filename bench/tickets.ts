/**
 * `npm run bench:tickets`: ticketing at the size of a large organisation.
 *  - a generated organisation: 100,000 end users, 1,000,000 tickets with replies, notes,
 *    history and links (server-side SQL; generated once, then kept as a template database
 *    on the test PostgreSQL, so a re-run copies it in seconds: bench/lib/tickets-database.ts);
 *  - server time of the reads, one request at a time (p50/p95): the console's first queue page,
 *    full-text search, the portal's "my tickets", opening a ticket. "Server time" is the HTTP
 *    round trip to the production server on localhost (Next, auth, tRPC, domain, PostgreSQL),
 *    shown beside the same domain function called in this process; when a read misses its
 *    target, its SQL is run again under EXPLAIN ANALYZE and the plans are printed;
 *  - tickets created per second by 10 concurrent clients over HTTP (portalTickets.create),
 *    through the domain function, and as the bare SQL insert with `pg` (the physical limit); and
 *    a signed-in call that does no work, the ceiling of any request through the stack.
 * A missed target is a measurement (exit 0); an error is not (exit 1).
 *
 * Settings: BENCH_TICKETS and BENCH_END_USERS (a smaller organisation), BENCH_SECONDS (per creation measurement, default 10), BENCH_SAMPLES (per read,
 * default 200), BENCH_PORT (default 3224), BENCH_REGENERATE=1 (make the organisation again),
 * BENCH_TEMPLATE (copy this kept organisation whatever the migrations, see tickets-database.ts),
 * BENCH_WARMUP_SECONDS (before each creation measurement, default 5: warm, as a server running
 * for hours is; after 1 s the JIT is still compiling the creation path),
 * BENCH_ONLY=create (only the creation measurements, skipping the reads: about two minutes less),
 * SEATDESK_DIST_DIR (build folder), SEATDESK_TEST_PG_PORT or TEST_DATABASE_URL (PostgreSQL).
 */
import "../scripts/lib/allow-server-only";
import os from "node:os";
import pg from "pg";
import { ensureBuilt, startAppServer, type AppServer } from "../scripts/lib/app-server";
import { formatTicketNumber, type TicketTypeValue } from "../lib/validation/tickets";
import { BENCH_PASSWORD } from "./lib/fixtures";
import { signInAgent, signInAll } from "./lib/agent-client";
import { fmt, passFail, pct, table } from "./lib/report";
import { DEFAULT_SIZES, benchUserEmail, deskAgentEmail } from "./lib/tickets-generator";
import { openTicketsBenchDatabase, type TicketsBenchDatabase } from "./lib/tickets-database";
import { measureReads, readCases } from "./lib/tickets-reads";
import { createBare, createDomain, createHttp, signedInCallHttp } from "./lib/tickets-create";
import { explainDomainCall } from "./lib/tickets-explain";
import type { ClosedLoopResult } from "./lib/load";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 3224);
const CLIENTS = 10;
const ONLY_CREATE = process.env.BENCH_ONLY === "create";
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
// Smaller organisations for a quick look (BENCH_TICKETS, BENCH_END_USERS): the targets are for the default.
const SIZES = {
  ...DEFAULT_SIZES,
  tickets: Number(process.env.BENCH_TICKETS ?? DEFAULT_SIZES.tickets),
  endUsers: Number(process.env.BENCH_END_USERS ?? DEFAULT_SIZES.endUsers),
};
const TARGETS = { queueMs: 50, searchMs: 150, portalMs: 30, createPerSecond: 200, createShareOfBare: 0.25 };

const started = Date.now();
const log = (line: string) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

async function main(): Promise<number> {
  let database: TicketsBenchDatabase | null = null;
  let app: AppServer | null = null;
  let cleaned: Promise<void> | null = null;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await app?.stop();
      await database?.drop();
    })());
  process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));
  try {
    log(
      `load average ${load()}; opening the organisation (${SIZES.endUsers.toLocaleString("en-US")} end users, ${SIZES.tickets.toLocaleString("en-US")} tickets)…`,
    );
    const generationStarted = Date.now();
    database = await openTicketsBenchDatabase(SIZES, log);
    const generationSeconds = (Date.now() - generationStarted) / 1000;
    const facts = await organisationFacts(database.url);
    log(
      `${database.generated ? "generated" : "copied from the template"} in ${generationSeconds.toFixed(0)} s: ${facts.summary}`,
    );

    process.env.DATABASE_URL = database.url;
    process.env.NEXTAUTH_SECRET ??= "bench-secret-that-is-long-enough";
    log("checking the build…");
    await ensureBuilt();
    app = await startAppServer({
      port: PORT,
      databaseUrl: database.url,
      quiet: true,
      env: { LOG_LEVEL: "warn", SEATDESK_DISABLE_SWEEPER: "1" },
    });
    log(`app on ${app.url}; signing in a desk agent and ${facts.requesters.length} end users…`);
    const agent = await signInAgent(app.url, { userId: "ba-desk-1", email: deskAgentEmail(1) }, BENCH_PASSWORD);
    const requesters = await signInAll(app.url, facts.requesters, BENCH_PASSWORD);

    if (!ONLY_CREATE) log(`reads, one at a time (load average ${load()})…`);
    const cases = readCases(
      { agent, agentViewer: { id: agent.userId, role: "AGENT" }, requesters, refs: facts.refs },
      TARGETS,
    );
    const reads = ONLY_CREATE ? [] : await measureReads(database.url, cases, SAMPLES, log);
    const missed = reads.filter((r) => r.targetMs !== null && r.http.p95 >= r.targetMs);
    const explained: string[] = [];
    for (const r of missed) {
      const c = cases.find((x) => x.name === r.name)!;
      if (!c.explain) continue;
      log(`  explaining "${r.name}"…`);
      const explain = c.explain;
      const queries = await explainDomainCall(database.url, (db) => explain(db, r.domain.slowest));
      explained.push(
        `"${r.name}" (p95 ${fmt(r.http.p95, 1)} ms over HTTP, ${fmt(r.domain.p95, 1)} ms in the domain): the SQL of its slowest domain call, under EXPLAIN ANALYZE`,
      );
      for (const q of queries)
        explained.push(
          `  ${fmt(q.executionMs, 2)} ms execution + ${fmt(q.planningMs, 2)} ms planning (the Prisma call took ${fmt(q.prismaMs, 1)} ms): ${q.sql.slice(0, 200)}${q.sql.length > 200 ? "…" : ""}`,
        );
      const slowest = [...queries].sort((a, b) => b.executionMs - a.executionMs)[0];
      if (slowest) explained.push("  plan of the slowest:", ...slowest.plan.slice(0, 18).map((l) => `    ${l}`));
    }

    log(
      `creation: ${CLIENTS} clients, bare SQL, domain, HTTP, then the signed-in call that does nothing, ${WARMUP_SECONDS} + ${SECONDS} s each (load average ${load()})…`,
    );
    const timing = { warmupMs: WARMUP_SECONDS * 1000, measureMs: SECONDS * 1000 };
    const creators = requesters.slice(0, CLIENTS);
    const bare = await createBare(database.url, "bg-desk", creators, CLIENTS, timing);
    const domain = await createDomain(database.url, creators, CLIENTS, timing);
    const http = await createHttp({ databaseUrl: database.url, pid: app.process.pid! }, creators, CLIENTS, timing);
    const floor = await signedInCallHttp(
      { databaseUrl: database.url, pid: app.process.pid! },
      requesters.slice(0, CLIENTS),
      CLIENTS,
      timing,
    );
    const share = http.perSecond / bare.perSecond;
    const errors = [
      ...reads.flatMap((r) => [r.http, r.domain]).map((s) => ({ errors: s.errors, firstError: s.firstError })),
      bare,
      domain,
      http,
      floor,
    ].filter((r) => r.errors > 0);
    const cpu = (m: ClosedLoopResult) =>
      `${fmt(m.cpuPerCycle?.nodeMs ?? NaN, 2)} / ${fmt(m.cpuPerCycle?.postgresMs ?? NaN, 2)}`;

    console.log(`
seatdesk ticket benchmark: ${os.cpus().length} CPUs (load average now ${load()}; other work shares this machine), Node ${process.version}
Organisation: ${facts.summary}
${database.generated ? `Generated in ${generationSeconds.toFixed(0)} s and kept as the template ${database.template}.` : `Copied in ${generationSeconds.toFixed(0)} s from the template ${database.template} (BENCH_REGENERATE=1 makes it again).`}

Reads, one request at a time, ${SAMPLES} each after 20 warm-up: HTTP round trip to the production server on localhost / the domain function in this process, ms
${table(
  ["read", "HTTP p50", "HTTP p95", "domain p50", "domain p95", "target p95", "result", "errors"],
  reads.map((r) => [
    r.name,
    fmt(r.http.p50, 1),
    fmt(r.http.p95, 1),
    fmt(r.domain.p50, 1),
    fmt(r.domain.p95, 1),
    r.targetMs === null ? "-" : `< ${r.targetMs}`,
    r.targetMs === null ? "-" : passFail(r.http.p95 < r.targetMs),
    r.http.errors + r.domain.errors,
  ]),
)}
${explained.length ? `\n${explained.join("\n")}\n` : ""}
Tickets created per second, ${CLIENTS} closed-loop clients (each a different end user), ${SECONDS} s after ${WARMUP_SECONDS} s warm-up
${table(
  ["path", "per second", "share of bare SQL", "CPU ms per ticket (Node / PostgreSQL)", "errors"],
  [
    ["bare SQL insert (pg)", fmt(bare.perSecond), "100%", cpu(bare), bare.errors],
    [
      "domain (createTicket, in this process)",
      fmt(domain.perSecond),
      pct(domain.perSecond / bare.perSecond),
      cpu(domain),
      domain.errors,
    ],
    ["HTTP (portalTickets.create)", fmt(http.perSecond), pct(share), cpu(http), http.errors],
    [
      "HTTP, a signed-in call doing nothing (me.get)",
      fmt(floor.perSecond),
      pct(floor.perSecond / bare.perSecond),
      cpu(floor),
      floor.errors,
    ],
  ],
)}
The last row is the ceiling of any signed-in request on this machine (Next's route handler, tRPC,
the session's row): creation over HTTP cannot reach a higher share of bare SQL than it does.

Targets (2 cores)
${table(
  ["target", "measured", "result"],
  [
    ...reads
      .filter((r) => r.targetMs !== null)
      .map((r) => [
        `${r.name}: p95 < ${r.targetMs} ms`,
        `${fmt(r.http.p95, 1)} ms`,
        passFail(r.http.p95 < r.targetMs!),
      ]),
    [
      `creation over HTTP >= ${TARGETS.createPerSecond}/s`,
      `${fmt(http.perSecond)}/s`,
      passFail(http.perSecond >= TARGETS.createPerSecond),
    ],
    [
      `creation over HTTP >= ${pct(TARGETS.createShareOfBare)} of bare SQL`,
      `${fmt(http.perSecond)} / ${fmt(bare.perSecond)} = ${pct(share)}`,
      passFail(share >= TARGETS.createShareOfBare),
    ],
  ],
)}
`);
    for (const r of errors) console.error(`error: ${r.errors} failed, the first: ${r.firstError}`);
    log("done");
    return errors.length > 0 ? 1 : 0;
  } finally {
    await cleanup();
  }
}

/** Counts for the report, end users with tickets to sign in as, and tickets to open. */
async function organisationFacts(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const n = async (sql: string) => Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
    const tickets = await n(`select count(*) as n from "Ticket"`);
    const open = await n(
      `select count(*) as n from "Ticket" where status in ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'PENDING')`,
    );
    const comments = await n(`select count(*) as n from "TicketComment"`);
    const history = await n(`select count(*) as n from "TicketHistory"`);
    const links = await n(`select count(*) as n from "TicketLink"`);
    const users = await n(`select count(*) as n from "User" where role = 'END_USER'`);
    const requesters = (
      await c.query<{ id: string }>(
        `select "requesterId" as id from "Ticket" where "requesterId" like 'bu%' group by 1 order by md5("requesterId") limit 50`,
      )
    ).rows.map((r) => ({ userId: r.id, email: benchUserEmail(Number(r.id.slice(2))) }));
    const refs = (
      await c.query<{ type: TicketTypeValue; number: number }>(
        `select type::text as type, number from "Ticket" order by md5(id) limit 200`,
      )
    ).rows.map((r) => formatTicketNumber(r.type, r.number));
    const f = (x: number) => x.toLocaleString("en-US");
    return {
      requesters,
      refs,
      summary: `${f(users)} end users, ${f(tickets)} tickets (${f(open)} open), ${f(comments)} replies and notes, ${f(history)} history entries, ${f(links)} links`,
    };
  } finally {
    await c.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
