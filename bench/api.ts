/**
 * `npm run bench:api`: the API for programs on the lean path (issue 14), printed beside targets.
 *
 * - Tickets created per second through POST /api/v1/tickets with an API token (acting for 10
 *   different end users, On-Behalf-Of) by 10 closed-loop clients, beside the bare-SQL insert of
 *   bench:tickets (bench/lib/tickets-create.ts: createBare) on the same database, measured just
 *   before and just after (their mean): targets ≥ 400/s and ≥ 25% of bare SQL.
 * - A call that does nothing (GET /api/v1/ping with a token, and me.get on the lean /api/trpc)
 *   beside today's me.get through Next's route handler (the same build started with
 *   SEATDESK_LEAN_PATH=0): target ≥ 3x.
 *
 * On its own migrated database (createBenchDatabase), a small organisation: ticket inserts are
 * cheaper into a small table, so the bare-SQL figure is if anything higher than bench:tickets'.
 * Settings: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_PORT.
 */
import "../scripts/lib/allow-server-only";
import { readFileSync } from "node:fs";
import { hash } from "@node-rs/argon2";
import { closeDb, createDb } from "../server/db/client";
import { createApiAccount, issueApiToken } from "../server/api/accounts";
import { ensureBuilt, startAppServer, type AppServer } from "../scripts/lib/app-server";
import { createBenchDatabase, type BenchDatabase } from "./lib/database";
import { signInAll } from "../scripts/lib/agent-client";
import { createBare } from "./lib/tickets-create";
import { trpcQuery } from "./lib/tickets-http";
import { httpRequest } from "../scripts/lib/http-client";
import { runClosedLoop, type ClosedLoopResult } from "./lib/load";
import { fmt, passFail, pct, table } from "./lib/report";

const CLIENTS = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3362);
const PASSWORD = "bench-password";
const log = (line: string) => console.log(`[bench:api] ${line}`);

async function main(): Promise<number> {
  let database: BenchDatabase | null = null;
  const apps: AppServer[] = [];
  try {
    database = await createBenchDatabase();
    const db = createDb(database.url, { max: 4 });
    const passwordHash = await hash(PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const users = Array.from({ length: CLIENTS }, (_, i) => ({
      userId: `bench-user-${i + 1}`,
      email: `user${i + 1}@bench.test`,
    }));
    await db.user.createMany({
      data: [
        ...users.map((u, i) => ({ id: u.userId, email: u.email, name: `Bench user ${i + 1}`, passwordHash })),
        { id: "bench-owner", email: "owner@bench.test", name: "Bench owner", role: "ADMIN" as const, passwordHash },
      ],
    });
    const account = await createApiAccount(db, "bench-owner", {
      name: "Bench hub",
      purpose: "bench:api",
      ownerEmail: "owner@bench.test",
    });
    const { token } = await issueApiToken(db, "bench-owner", {
      accountId: account.id,
      label: "bench",
      scopes: ["ACT_FOR_REQUESTERS", "READ_TICKETS"],
      expiresInDays: 1,
      requestsPerMinute: 100_000,
    });
    await closeDb(db);

    process.env.NEXTAUTH_SECRET ??= "bench-secret-that-is-long-enough";
    log("checking the build…");
    await ensureBuilt();
    const env = { LOG_LEVEL: "warn", SEATDESK_DISABLE_SWEEPER: "1" };
    const lean = await startAppServer({ port: PORT, databaseUrl: database.url, quiet: true, env });
    apps.push(lean);
    const timing = { warmupMs: WARMUP_SECONDS * 1000, measureMs: SECONDS * 1000 };
    const cpu = { databaseUrl: database.url, nodePid: lean.process.pid! };
    const api = (method: "GET" | "POST", path: string, headers: Record<string, string> = {}, body?: unknown) =>
      httpRequest(new URL(`/api/v1${path}`, lean.url), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((res) => {
        if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${res.body.slice(0, 200)}`);
      });

    // Bare SQL before and after the API's run, their mean beside it: others sharing the cores drift
    // over a run, and a figure measured only before would carry all of that drift into the share.
    const measureBare = () => createBare(database!.url, null as unknown as string, users, CLIENTS, timing);
    log(`${CLIENTS} clients, ${WARMUP_SECONDS} + ${SECONDS} s each: bare SQL inserts…`);
    const bareBefore = await measureBare();
    log("tickets through POST /api/v1/tickets…");
    let n = 0;
    const created = await runClosedLoop(
      CLIENTS,
      (c) =>
        api(
          "POST",
          "/tickets",
          { "on-behalf-of": users[c]!.email },
          { title: `Bench: printer offline (${++n})`, description: "The 3rd floor printer shows offline." },
        ),
      { ...timing, cpu },
    );
    log("bare SQL inserts again…");
    const bareAfter = await measureBare();
    const bare = {
      perSecond: (bareBefore.perSecond + bareAfter.perSecond) / 2,
      errors: bareBefore.errors + bareAfter.errors,
    };
    log("GET /api/v1/ping…");
    const ping = await runClosedLoop(CLIENTS, () => api("GET", "/ping"), { ...timing, cpu });
    const signedIn = await signInAll(lean.url, users, PASSWORD);
    log("me.get on the lean /api/trpc…");
    const meLean = await runClosedLoop(CLIENTS, (c) => trpcQuery(signedIn[c]!, "me.get", undefined).then(() => {}), {
      ...timing,
      cpu,
    });
    await lean.stop();
    apps.pop();

    log("me.get through Next's route handler (today's path: SEATDESK_LEAN_PATH=0)…");
    const nextApp = await startAppServer({
      port: PORT,
      databaseUrl: database.url,
      quiet: true,
      env: { ...env, SEATDESK_LEAN_PATH: "0" },
    });
    apps.push(nextApp);
    const signedInNext = await signInAll(nextApp.url, users, PASSWORD);
    const meNext = await runClosedLoop(
      CLIENTS,
      (c) => trpcQuery(signedInNext[c]!, "me.get", undefined).then(() => {}),
      { ...timing, cpu: { databaseUrl: database.url, nodePid: nextApp.process.pid! } },
    );

    const cpuMs = (r: ClosedLoopResult) => (r.cpuPerCycle ? fmt(r.cpuPerCycle.nodeMs ?? NaN, 2) : "n/a");
    const pgMs = (r: ClosedLoopResult) => (r.cpuPerCycle ? fmt(r.cpuPerCycle.postgresMs ?? NaN, 2) : "n/a");
    const row = (name: string, r: ClosedLoopResult) => [name, fmt(r.perSecond), cpuMs(r), pgMs(r), r.errors];
    const share = created.perSecond / bare.perSecond;
    const pingRatio = ping.perSecond / meNext.perSecond;
    const meRatio = meLean.perSecond / meNext.perSecond;
    console.log("");
    console.log(
      table(
        ["measurement (10 clients)", "per second", "app CPU ms/call", "PostgreSQL CPU ms/call", "errors"],
        [
          [
            `bare SQL ticket insert (bench:tickets' createBare), mean of ${fmt(bareBefore.perSecond)} before ` +
              `and ${fmt(bareAfter.perSecond)} after`,
            fmt(bare.perSecond),
            "-",
            "-",
            bare.errors,
          ],
          row("POST /api/v1/tickets (token, On-Behalf-Of)", created),
          row("GET /api/v1/ping (token, does nothing)", ping),
          row("me.get, lean /api/trpc", meLean),
          row("me.get, Next's route handler (today)", meNext),
        ],
      ),
    );
    console.log(`load average: ${loadAverage()}`);
    console.log("");
    console.log(
      table(
        ["target", "figure", "result"],
        [
          ["tickets through /api/v1 ≥ 400/s", `${fmt(created.perSecond)}/s`, passFail(created.perSecond >= 400)],
          ["… and ≥ 25% of bare SQL", pct(share), passFail(share >= 0.25)],
          ["a call doing nothing ≥ 3x today's me.get", `${fmt(pingRatio, 1)}x (ping)`, passFail(pingRatio >= 3)],
          ["(me.get lean vs today)", `${fmt(meRatio, 1)}x`, "-"],
        ],
      ),
    );
    const errors = [bareBefore, bareAfter, created, ping, meLean, meNext].filter((r) => r.errors > 0);
    for (const r of errors) console.error(`errors: ${r.errors}, first: ${r.firstError}`);
    return errors.length ? 1 : 0;
  } finally {
    for (const app of apps) await app.stop();
    await database?.drop();
  }
}

/** The machine's load average (1, 5, 15 minutes): other work on the shared cores skews the figures. */
function loadAverage(): string {
  try {
    return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  } catch {
    return "n/a";
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
