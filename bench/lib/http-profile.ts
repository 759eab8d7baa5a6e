/**
 * Where the app server's CPU goes per tRPC request: a CPU profile of the production server
 * (taken through its inspector, over the measured window only) while 10 closed-loop clients
 * create portal tickets (`tickets`), run checkout + release cycles (`seats`), or check out once
 * each at a fixed rate (`latency`, like bench:seats (b)). Self time is summed per function and
 * per package (Next, tRPC, next-auth/jose, zod, superjson, Prisma, pg, ours by folder), mapped
 * through the build's source maps, and divided by the requests sent.
 *
 *   NODE_OPTIONS=--experimental-websocket SEATDESK_DIST_DIR=.next-h1 BENCH_PORT=3262 \
 *     TEST_DATABASE_URL=postgresql://… npx tsx bench/lib/http-profile.ts tickets|seats|latency
 *
 * It does not build: run a benchmark (or `next build`) first. Settings: BENCH_SECONDS (default
 * 10), BENCH_PROFILE_OUT (also write the .cpuprofile there, for Chrome's DevTools),
 * BENCH_APP_NODE_OPTIONS (more Node flags for the server, e.g. GC settings to compare),
 * BENCH_PROFILE=0 (measure only, no profiler), BENCH_NAMED=1 (every agent on a named seat, which
 * takes no pool lock: against the default pooled run, what queueing on the pool's lock costs). The
 * inspector listens on BENCH_PORT + 1. Node 20 needs --experimental-websocket (NODE_OPTIONS).
 * `summarise <file> <requests>` prints the tables of a profile written earlier (same build).
 */
import "../../scripts/lib/allow-server-only";
import fs from "node:fs";
import path from "node:path";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";
import { startAppServer, type AppServer } from "../../scripts/lib/app-server";
import { closeDb, createDb } from "../../server/db/client";
import { createBenchDatabase, type BenchDatabase } from "./database";
import { BENCH_PASSWORD, createBenchOrg, markConsoleSessionsStarted } from "./fixtures";
import { checkoutOverHttp, signInAll, trpcMutation, type SignedInAgent } from "../../scripts/lib/agent-client";
import { httpCycle } from "./ceiling";
import { percentile, runClosedLoop, runOpenLoop } from "./load";
import { fmt, table } from "./report";

const MODE = process.argv[2] ?? "tickets";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3262);
const INSPECT_PORT = PORT + 1;
const CLIENTS = 10;

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** A minimal Chrome DevTools Protocol session over the inspector's WebSocket. */
async function inspector(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let id = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: unknown };
    if (message.id !== undefined)
      waiting.get(message.id)?.(
        message.error ? Promise.reject(new Error(JSON.stringify(message.error))) : message.result,
      );
  };
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      waiting.set(++id, resolve as (r: unknown) => void);
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => socket.close() };
}

/** Which package (or folder of ours) a source (relative to the checkout) belongs to. */
function packageOf(source: string): string {
  const s = source.replace(/^turbopack:\/\/\/?/, "").replace(/^\[project\]\//, "");
  if (s.startsWith("webpack://next/")) return "next";
  if (s.startsWith("wasm://")) return "@prisma/client (query compiler, wasm)";
  const nm = s.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = s.slice(nm + "node_modules/".length).split("/");
    const name = parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
    return name === "next" && /compiled\/next-server|dist\/server/.test(s) ? "next (server)" : name;
  }
  if (s.startsWith("node:") || s.startsWith("internal/") || s === "") return "node";
  const folders = s.split("/");
  return `ours: ${folders.slice(0, Math.min(2, folders.length - 1)).join("/") || s}`;
}

const maps = new Map<string, SourceMap | null>();
function original(frame: CallFrame): { source: string; line: number } {
  if (!frame.url.startsWith("file://")) return { source: frame.url, line: frame.lineNumber + 1 };
  const file = fileURLToPath(frame.url);
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    maps.set(file, fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, "utf8"))) : null);
  }
  const entry = maps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber) as
    { originalSource?: string; originalLine?: number } | undefined;
  // Sources are named relative to their map, or by a scheme (webpack://next/ for Next's own).
  const source = entry?.originalSource;
  if (source)
    return {
      source: /^[a-z]+:/.test(source) ? source : path.relative(process.cwd(), path.resolve(path.dirname(file), source)),
      line: (entry.originalLine ?? 0) + 1,
    };
  return { source: path.relative(process.cwd(), file), line: frame.lineNumber + 1 };
}

function summarise(profile: Profile, requests: number) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((nodeId, i) =>
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)),
  );
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const packageOfNode = new Map<number, string>();
  const nodePackage = (nodeId: number): string => {
    let pkg = packageOfNode.get(nodeId);
    if (pkg === undefined) {
      const frame = byNode.get(nodeId)!.callFrame;
      const special = frame.functionName.startsWith("(") && frame.url === "";
      pkg = special ? frame.functionName : packageOf(original(frame).source);
      packageOfNode.set(nodeId, pkg);
    }
    return pkg;
  };
  // Node's own and native frames are charged to the nearest caller in a package, so that
  // "node" time (streams, async hooks, sockets) shows whose work it was.
  const chargedNode = (nodeId: number): number => {
    for (let id: number | undefined = nodeId; id !== undefined; id = parent.get(id)) {
      const pkg = nodePackage(id);
      if (pkg !== "node" && !pkg.startsWith("(")) return id;
    }
    return nodeId;
  };
  const chargedTo = (nodeId: number) => nodePackage(chargedNode(nodeId));
  const functionName = (nodeId: number) => {
    const frame = byNode.get(nodeId)!.callFrame;
    if (frame.functionName.startsWith("(") && frame.url === "") return frame.functionName;
    const where = original(frame);
    return `${frame.functionName || "(anonymous)"} ${where.source.replace(/^.*node_modules\//, "")}:${where.line}`;
  };
  const perChargedFunction = new Map<string, number>();
  const perPackage = new Map<string, number>();
  const perCharged = new Map<string, number>();
  const perFunction = new Map<string, number>();
  let busyUs = 0;
  for (const [nodeId, us] of selfUs) {
    const frame = byNode.get(nodeId)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    busyUs += us;
    const special = frame.functionName.startsWith("(") && frame.url === "";
    const where = special ? { source: "", line: 0 } : original(frame);
    const pkg = nodePackage(nodeId);
    perPackage.set(pkg, (perPackage.get(pkg) ?? 0) + us);
    const charged = chargedTo(nodeId);
    perCharged.set(charged, (perCharged.get(charged) ?? 0) + us);
    const chargedFn = functionName(chargedNode(nodeId));
    perChargedFunction.set(chargedFn, (perChargedFunction.get(chargedFn) ?? 0) + us);
    const fn = special
      ? frame.functionName
      : `${frame.functionName || "(anonymous)"} ${where.source.replace(/^.*node_modules\//, "")}:${where.line}`;
    perFunction.set(fn, (perFunction.get(fn) ?? 0) + us);
  }
  // Inclusive time: each function counted once per sample whose stack it is on.
  const inclusive = new Map<string, number>();
  const stackNames = new Map<number, string[]>();
  const namesOnStack = (nodeId: number): string[] => {
    let names = stackNames.get(nodeId);
    if (!names) {
      const up = parent.get(nodeId);
      names = [...new Set([...(up === undefined ? [] : namesOnStack(up)), functionName(nodeId)])];
      stackNames.set(nodeId, names);
    }
    return names;
  };
  for (const [nodeId, us] of selfUs) {
    if (byNode.get(nodeId)!.callFrame.functionName === "(idle)") continue;
    for (const name of namesOnStack(nodeId)) inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
  const ms = (us: number) => fmt(us / 1000 / requests, 3);
  const share = (us: number) => `${((us / busyUs) * 100).toFixed(1)}%`;
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return (
    `busy ${fmt(busyUs / 1000)} ms over ${requests} requests = ${ms(busyUs)} ms per request ` +
    `(profile ${fmt((profile.endTime - profile.startTime) / 1000)} ms)

Self time per package, ms per request
${table(
  ["package", "ms/request", "share"],
  top(perPackage, 40).map(([k, v]) => [k, ms(v), share(v)]),
)}

Self time with Node's own frames charged to their nearest caller in a package, ms per request
${table(
  ["package", "ms/request", "share"],
  top(perCharged, 40).map(([k, v]) => [k, ms(v), share(v)]),
)}

The same per function (top 40), ms per request
${table(
  ["function", "ms/request", "share"],
  top(perChargedFunction, 40).map(([k, v]) => [k.slice(0, 150), ms(v), share(v)]),
)}

Inclusive time per function (top 80), ms per request
${table(
  ["function", "ms/request", "share"],
  top(inclusive, 80).map(([k, v]) => [k.slice(0, 150), ms(v), share(v)]),
)}

Self time per function (top 60), ms per request
${table(
  ["function", "ms/request", "share"],
  top(perFunction, 60).map(([k, v]) => [k.slice(0, 150), ms(v), share(v)]),
)}`
  );
}

async function main() {
  if (MODE === "summarise") {
    // A profile written earlier (BENCH_PROFILE_OUT), with the requests it covered; needs the same build.
    console.log(summarise(JSON.parse(fs.readFileSync(process.argv[3]!, "utf8")) as Profile, Number(process.argv[4])));
    return;
  }
  let database: BenchDatabase | null = null;
  let app: AppServer | null = null;
  try {
    database = await createBenchDatabase();
    process.env.NEXTAUTH_SECRET ??= "bench-secret-that-is-long-enough";
    const setup = createDb(database.url, { max: 4 });
    const org = await createBenchOrg(setup, { agents: MODE === "latency" ? SECONDS * 100 + 50 : 50, stormSeats: 1 });
    await setup.group.create({ data: { name: "Service Desk" } });
    if (process.env.BENCH_NAMED === "1") {
      // Named seats take no pool lock: against the pooled run, what the pool row lock's queue costs.
      await setup.entitlement.update({ where: { id: 1 }, data: { namedSeats: org.agents.length } });
      await setup.$executeRaw`update "SeatAssignment" set kind = 'NAMED', "poolId" = null`;
    }
    app = await startAppServer({
      port: PORT,
      databaseUrl: database.url,
      quiet: true,
      env: {
        LOG_LEVEL: "warn",
        SEATDESK_DISABLE_SWEEPER: "1",
        NODE_OPTIONS: `--inspect=127.0.0.1:${INSPECT_PORT} ${process.env.BENCH_APP_NODE_OPTIONS ?? ""}`.trim(),
      },
    });
    const agents: SignedInAgent[] = await signInAll(app.url, org.agents, BENCH_PASSWORD);
    await markConsoleSessionsStarted(setup);
    await closeDb(setup);

    let n = 0;
    const cycle =
      MODE === "seats"
        ? (c: number) => httpCycle(agents[c]!)
        : (c: number) =>
            trpcMutation(agents[c]!, "portalTickets.create", {
              type: "INCIDENT",
              title: `Profile: VPN drops (${++n})`,
              description: "My VPN drops every few minutes.",
              affects: "me",
              howUrgent: "slows-me-down",
            }).then(() => {});
    const requestsPerCycle = MODE === "seats" ? 2 : 1;
    // Warm up (JIT, connections, the token cache of the clients used), then profile the window.
    if (MODE !== "latency") await runClosedLoop(CLIENTS, cycle, { warmupMs: 0, measureMs: 5000 });
    else
      await runClosedLoop(CLIENTS, (c) => checkoutOverHttp(agents[agents.length - 1 - c]!).then(() => {}), {
        warmupMs: 0,
        measureMs: 2000,
      });
    const profiling = process.env.BENCH_PROFILE !== "0";
    const session = profiling ? await inspector(INSPECT_PORT) : null;
    await session?.send("Profiler.enable");
    // 1 ms between samples: finer sampling costs the server enough CPU to change what it measures.
    await session?.send("Profiler.setSamplingInterval", { interval: 1000 });
    await session?.send("Profiler.start");
    let requests: number;
    let line: string;
    if (MODE === "latency") {
      let next = 0;
      const result = await runOpenLoop(
        { ratePerSecond: 100, durationMs: SECONDS * 1000, lateAfterMs: 5 },
        async (measured) => {
          await checkoutOverHttp(agents[next++]!);
          measured();
        },
      );
      const l = result.latenciesMs;
      requests = result.sent;
      line =
        `latency at 100/s: p50 ${fmt(percentile(l, 50), 1)} ms, p95 ${fmt(percentile(l, 95), 1)} ms, ` +
        `p99 ${fmt(percentile(l, 99), 1)} ms, errors ${result.errors}`;
    } else {
      const result = await runClosedLoop(CLIENTS, cycle, {
        warmupMs: 0,
        measureMs: SECONDS * 1000,
        cpu: { databaseUrl: database.url, nodePid: app.process.pid! },
      });
      requests = result.cycles * requestsPerCycle;
      line =
        `${fmt(result.perSecond)} cycles/s, Node CPU ${fmt(result.cpuPerCycle?.nodeMs ?? NaN, 2)} ms ` +
        `per cycle (with the profiler on), ` +
        `errors ${result.errors}${result.firstError ? ` (${result.firstError})` : ""}`;
    }
    if (!session) {
      console.log(`${MODE}: ${line} (no profile: BENCH_PROFILE=0)`);
      return;
    }
    const { profile } = await session.send<{ profile: Profile }>("Profiler.stop");
    session.close();
    if (process.env.BENCH_PROFILE_OUT) fs.writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
    console.log(`${MODE}: ${line}\n\n${summarise(profile, requests)}`);
  } finally {
    await app?.stop();
    await database?.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
