import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, startAppServer, type AppServer } from "@/scripts/lib/app-server";
import { isPortOpen } from "@/scripts/lib/embedded-db";
import { checkoutOverHttp, heartbeatOverHttp, signInAgent, type SignedInAgent } from "@/scripts/lib/agent-client";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "./db";
import { createPool, createPoolMembers, KNOWN_PASSWORD } from "./factories";

/*
 * Licensing invariant 1 across app instances and crashes (../shared/licensing.md): two
 * production instances share one database. Agents race for a 4-seat pool through both at once;
 * then one instance is killed while its agents hold seats, and the survivor's sweeper frees those
 * seats once the presence grace has passed (the dead instance's tabs send no more heartbeats).
 */

const SEATS = 4;
const AGENTS = 12;
const GRACE_SECONDS = 4;
const SEAT_ENV = {
  SEAT_PRESENCE_GRACE_SECONDS: String(GRACE_SECONDS),
  SEAT_SWEEP_SECONDS: "1",
  SEAT_HEARTBEAT_SECONDS: "1",
  LOG_LEVEL: "error",
};

let db: Db;
let url: string;
let poolId: string;
let watcher: pg.Client;
const apps: AppServer[] = [];
const heartbeats = new Map<string, { stopped: boolean; done: Promise<void> }>();

/** Two free ports from this suite's range (SEATDESK_MULTI_INSTANCE_PORT, default 3205). */
async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (
    let port = Number(process.env.SEATDESK_MULTI_INSTANCE_PORT ?? 3205);
    ports.length < count && port < 65535;
    port++
  ) {
    if (!(await isPortOpen(port))) ports.push(port);
  }
  return ports;
}

async function openLeases(): Promise<{ id: string; userId: string }[]> {
  const { rows } = await watcher.query<{ id: string; userId: string }>(
    `select id::text, "userId" from "SeatLease" where "poolId" = $1 and "endedAt" is null`,
    [poolId],
  );
  return rows;
}

/** Runs `fn` while sampling the pool's open leases; returns its result and the most seen at once. */
async function watchingLeases<T>(fn: () => Promise<T>): Promise<{ result: T; maxOpen: number }> {
  let maxOpen = 0;
  let running = true;
  const sampler = (async () => {
    while (running) maxOpen = Math.max(maxOpen, (await openLeases()).length);
  })();
  try {
    const result = await fn();
    return { result, maxOpen };
  } finally {
    running = false;
    await sampler;
    maxOpen = Math.max(maxOpen, (await openLeases()).length);
  }
}

/** Polls until `check` returns a value, or fails after the deadline. */
async function until<T>(what: string, check: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A console tab of the agent: a heartbeat every second to its instance, as the browser sends it. */
function keepTabOpen(agent: SignedInAgent) {
  const tab = { stopped: false, done: Promise.resolve() };
  tab.done = (async () => {
    while (!tab.stopped) {
      const next = Date.now() + 1000;
      await heartbeatOverHttp(agent).catch(() => {});
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
  })();
  heartbeats.set(agent.userId, tab);
}

async function closeTab(userId: string) {
  const tab = heartbeats.get(userId);
  if (!tab) return;
  tab.stopped = true;
  await tab.done;
  heartbeats.delete(userId);
}

async function checkoutAll(agents: SignedInAgent[]): Promise<Map<string, string>> {
  const answers = await Promise.all(agents.map(async (a) => [a.userId, (await checkoutOverHttp(a)).status] as const));
  return new Map(answers);
}

describe("two app instances sharing one database", () => {
  let agents: SignedInAgent[] = [];
  let instanceOf: Map<string, number>;

  // Both servers stop even when a test failed (and, should the worker die, on its exit), so
  // none outlives the run holding the test runner's output pipe.
  afterAll(async () => {
    await Promise.all([...heartbeats.keys()].map(closeTab));
    await Promise.all(apps.map((app) => app.stop("SIGKILL")));
    await watcher?.end();
  });
  process.once("exit", () => apps.forEach((app) => app.process.kill("SIGKILL")));

  beforeAll(async () => {
    await ensureBuilt();
    ({ db, url } = await createTestDatabase());
    watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    const pool = await createPool(db, { size: SEATS, name: "Specialists" });
    poolId = pool.id;
    const members = await createPoolMembers(db, pool.id, AGENTS);

    const ports = await freePorts(2);
    expect(ports).toHaveLength(2);
    apps.push(
      ...(await Promise.all(
        ports.map((port) => startAppServer({ port, databaseUrl: url, quiet: true, env: SEAT_ENV })),
      )),
    );

    // Half the agents sign in on each instance.
    instanceOf = new Map(members.map((m, i) => [m.id, i % 2]));
    agents = await Promise.all(
      members.map((m) =>
        signInAgent(apps[instanceOf.get(m.id)!]!.url, { userId: m.id, email: m.email }, KNOWN_PASSWORD),
      ),
    );
  }, 600_000);

  it("grants exactly the pool's seats when everyone asks through both instances at once", async () => {
    const { result: answers, maxOpen } = await watchingLeases(() => checkoutAll(agents));
    const granted = agents.filter((a) => answers.get(a.userId) === "granted");
    // Holders keep their console open, each through the instance they signed in on.
    for (const a of granted) keepTabOpen(a);

    expect([...answers.values()].filter((s) => s === "refused")).toHaveLength(AGENTS - SEATS);
    expect(granted).toHaveLength(SEATS);
    expect(maxOpen).toBeLessThanOrEqual(SEATS);
    expect((await openLeases()).map((l) => l.userId).sort()).toEqual(granted.map((a) => a.userId).sort());
  });

  it("frees a killed instance's seats after the presence grace, through the survivor's sweeper", async () => {
    const holders = (await openLeases()).map((l) => l.userId);
    expect(holders).toHaveLength(SEATS);
    // Kill the instance whose agents hold the most seats (at least one of them holds one).
    const heldOn = [0, 1].map((i) => holders.filter((u) => instanceOf.get(u) === i).length);
    const victim = heldOn[0]! >= heldOn[1]! ? 0 : 1;
    const survivor = apps[1 - victim]!;
    const orphaned = holders.filter((u) => instanceOf.get(u) === victim);
    const kept = holders.filter((u) => instanceOf.get(u) !== victim);

    await apps[victim]!.stop("SIGKILL");
    await Promise.all(orphaned.map(closeTab));

    const ended = await until("the dead instance's leases to end", async () => {
      const { rows } = await watcher.query<{
        id: string;
        userId: string;
        endReason: string;
        dueAtGrace: boolean;
        sweptEvents: number;
      }>(
        `select l.id::text, l."userId", l."endReason",
           l."endedAt" = l."lastPresenceAt" + make_interval(secs => $2) as "dueAtGrace",
           (select count(*)::int from "SeatEvent" e where e."leaseId" = l.id and e.type = 'RELEASED' and ` +
          `e.reason = 'CLOSED'
              and e.at = l."endedAt" and e."requestId" is null) as "sweptEvents"
         from "SeatLease" l where l."userId" = any($1) and l."poolId" = $3 and l."endedAt" is not null`,
        [orphaned, GRACE_SECONDS, poolId],
      );
      return rows.length === orphaned.length ? rows : null;
    });
    for (const lease of ended) {
      expect(lease).toMatchObject({ endReason: "CLOSED", dueAtGrace: true, sweptEvents: 1 });
    }
    // The survivor's own holders kept their seats: their tabs still beat.
    expect((await openLeases()).map((l) => l.userId).sort()).toEqual([...kept].sort());

    // Everyone without a seat now asks through the surviving instance.
    const waiting = agents.filter((a) => !kept.includes(a.userId)).map((a) => ({ ...a, baseUrl: survivor.url }));
    const free = SEATS - kept.length;
    const { result: answers, maxOpen } = await watchingLeases(() => checkoutAll(waiting));
    expect([...answers.values()].filter((s) => s === "granted")).toHaveLength(free);
    expect(maxOpen).toBeLessThanOrEqual(SEATS);
    expect(await openLeases()).toHaveLength(SEATS);
  }, 120_000);
});
