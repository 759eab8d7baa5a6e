import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { writePastHistory } from "@/server/insight/history-writer";

/*
 * The reports router: administrators and report viewers read it (the role gate is proven for
 * every procedure by test/authorization-matrix.test.ts); bad input gets a plain message beside
 * its field; nothing here takes a seat or writes a seat event.
 */

let db: Db;
let poolId: string;
let members: { id: string; name: string }[];
const H = 3_600_000;
const sessions = {} as Record<"cfo" | "admin" | "agent", ValidSession>;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  await db.entitlement.create({
    data: {
      id: 1,
      namedSeats: 3,
      concurrentSeats: 4,
      namedSeatMonthlyCents: 4000,
      concurrentSeatMonthlyCents: 9900,
      currency: "USD",
    },
  });
  const pool = await createPool(db, { size: 2, name: "Specialists" });
  poolId = pool.id;
  members = await createPoolMembers(db, pool.id, 2);
  await createNamedAgent(db);
  sessions.cfo = await signIn(db, (await createUser(db, { role: "REPORT_VIEWER" })).id);
  sessions.admin = await signIn(db, (await createUser(db, { role: "ADMIN" })).id);
  sessions.agent = await signIn(db, (await createUser(db, { role: "AGENT" })).id);
});

const reports = (who: keyof typeof sessions) => callerFor(db, sessions[who]).reports;
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );
const fieldsOf = (error: TRPCError | null): Record<string, string[] | undefined> =>
  z.flattenError(error?.cause as ZodError).fieldErrors;
const period = { from: "2025-01-01T00:00:00.000Z", to: "2025-01-31T00:00:00.000Z" };
const level = { kind: "maxRefusalRate", percent: 5 } as const;

describe("reports: who reads", () => {
  it("gives a report viewer and an administrator the pools, seats owned, prices and licensed agents", async () => {
    for (const who of ["cfo", "admin"] as const) {
      const choices = await reports(who).choices();
      expect(choices.pools).toEqual([{ id: poolId, name: "Specialists", size: 2 }]);
      expect(choices).toMatchObject({
        namedSeats: 3,
        concurrentSeats: 4,
        prices: { namedSeatMonthlyCents: 4000, concurrentSeatMonthlyCents: 9900, currency: "USD" },
      });
      expect(choices.agents.map((a) => a.license.kind).sort()).toEqual(["CONCURRENT", "CONCURRENT", "NAMED"]);
    }
  });

  it("refuses an agent with the role named, before any domain code", async () => {
    const error = await errorOf(reports("agent").choices());
    expect(error).toMatchObject({ code: "FORBIDDEN", message: "This is only for administrators and report viewers." });
  });

  it("explains a period with no history instead of answering with empty charts", async () => {
    const usage = await reports("cfo").usage({ ...period, scope: poolId });
    expect(usage).toMatchObject({ empty: true, peak: 0, scopeName: "Specialists" });
    expect(usage.message).toBeTruthy();
    const rec = await reports("cfo").optimize({ ...period, serviceLevel: level });
    expect(rec.empty).toBe(true);
    expect(rec.message).toBeTruthy();
  });

  it(
    "lets a report viewer read usage, a recommendation and a what-if over recorded history, at the " +
      "entitlement's prices, taking no seat",
    async () => {
      // Another period than the empty one above: reports keep an hourly rollup of what they read.
      const history = { from: "2026-06-01T00:00:00.000Z", to: "2026-06-08T00:00:00.000Z" };
      const [a, b] = members;
      const from = new Date(history.from).getTime();
      const lease = (who: { id: string; name: string }, start: number, end: number) => ({
        userId: who.id,
        userName: who.name,
        poolId,
        poolName: "Specialists",
        grantedAt: new Date(from + start * H),
        endedAt: new Date(from + end * H),
      });
      await writePastHistory(db, {
        leases: [lease(a!, 9, 12), lease(b!, 10, 11)],
        refusals: [{ userId: b!.id, userName: b!.name, poolId, poolName: "Specialists", at: new Date(from + 9.5 * H) }],
      });
      const leasesBefore = await db.seatLease.count();
      const eventsBefore = await db.seatEvent.count();

      const usage = await reports("cfo").usage({ ...history, scope: poolId, timeZone: "UTC" });
      expect(usage).toMatchObject({ empty: false, peak: 2, seats: 2, refusals: { count: 1 } });
      expect(usage.seatHoursUsed).toBeCloseTo(4, 5);

      const rec = await reports("cfo").optimize({ ...history, serviceLevel: level });
      expect(rec).toMatchObject({ empty: false, namedPriceCents: 4000, concurrentPriceCents: 9900, currency: "USD" });
      const priced = await reports("admin").optimize({
        ...history,
        serviceLevel: level,
        namedPriceCents: 1,
        concurrentPriceCents: 100_000,
      });
      expect(priced).toMatchObject({ namedPriceCents: 1, concurrentPriceCents: 100_000 });

      const mix = await reports("cfo").whatIf({
        ...history,
        serviceLevel: level,
        namedUserIds: [],
        concurrentSeats: [{ scope: poolId, seats: 1 }],
      });
      expect(mix).toMatchObject({ empty: false, concurrentSeats: 1, cost: { currency: "USD" } });
      expect(mix.replay.attempts).toBeGreaterThan(0);

      expect(await db.seatLease.count()).toBe(leasesBefore);
      expect(await db.seatEvent.count()).toBe(eventsBefore);
    },
  );
});

describe("reports: bad input is answered beside its field", () => {
  it("an empty or reversed period", async () => {
    const reversed = await errorOf(reports("cfo").usage({ from: period.to, to: period.from, scope: "named" }));
    expect(reversed?.code).toBe("BAD_REQUEST");
    expect(fieldsOf(reversed)).toEqual({ to: ["The period is empty: the end must be after the start"] });
    const nonsense = await errorOf(reports("admin").usage({ from: "yesterday-ish", to: period.to, scope: "named" }));
    expect(fieldsOf(nonsense)).toEqual({ from: ["Enter a valid start date"] });
  });

  it("prices that are negative or not numbers", async () => {
    const negative = await errorOf(
      reports("admin").optimize({ ...period, serviceLevel: level, namedPriceCents: -100 }),
    );
    expect(fieldsOf(negative)).toEqual({ namedPriceCents: ["The price of a named seat cannot be negative"] });
    const notANumber = await errorOf(
      reports("admin").optimize({ ...period, serviceLevel: level, concurrentPriceCents: Number.NaN }),
    );
    expect(fieldsOf(notANumber).concurrentPriceCents?.[0]).toMatch(/as a number/);
  });

  it("a service level outside 0-100%, or a negative wait", async () => {
    const over = await errorOf(
      reports("cfo").optimize({ ...period, serviceLevel: { kind: "maxRefusalRate", percent: 140 } }),
    );
    expect(fieldsOf(over)).toEqual({ serviceLevel: ["The share of refused attempts must be between 0% and 100%"] });
    const wait = await errorOf(
      reports("cfo").whatIf({
        ...period,
        serviceLevel: { kind: "maxWaitMinutes", minutes: -5 },
        namedUserIds: [],
        concurrentSeats: [],
      }),
    );
    expect(fieldsOf(wait)).toEqual({ serviceLevel: ["The longest wait cannot be negative"] });
  });

  it("a negative number of seats in a what-if mix", async () => {
    const error = await errorOf(
      reports("admin").whatIf({
        ...period,
        serviceLevel: level,
        namedUserIds: [],
        concurrentSeats: [{ scope: poolId, seats: -1 }],
      }),
    );
    expect(fieldsOf(error)).toEqual({ concurrentSeats: ["The number of concurrent seats cannot be negative"] });
  });
});
