import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";

/*
 * The reports router: administrators and report viewers read it (the role gate is proven for
 * every procedure by test/authorization-matrix.test.ts); bad input gets a plain message beside
 * its field; nothing here takes a seat or writes a seat event.
 */

let db: Db;
let poolId: string;
const sessions = {} as Record<"cfo" | "admin" | "agent", ValidSession>;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  await db.entitlement.create({ data: { id: 1, namedSeats: 3, concurrentSeats: 4, namedSeatMonthlyCents: 4000, concurrentSeatMonthlyCents: 9900, currency: "USD" } });
  const pool = await createPool(db, { size: 2, name: "Specialists" });
  poolId = pool.id;
  await createPoolMembers(db, pool.id, 2);
  await createNamedAgent(db);
  sessions.cfo = await signIn(db, (await createUser(db, { role: "REPORT_VIEWER" })).id);
  sessions.admin = await signIn(db, (await createUser(db, { role: "ADMIN" })).id);
  sessions.agent = await signIn(db, (await createUser(db, { role: "AGENT" })).id);
});

const reports = (who: keyof typeof sessions) => callerFor(db, sessions[who]).reports;
const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as TRPCError);
const fieldsOf = (error: TRPCError | null): Record<string, string[] | undefined> => z.flattenError(error?.cause as ZodError).fieldErrors;
const period = { from: "2030-01-01T00:00:00.000Z", to: "2030-01-31T00:00:00.000Z" };
const level = { kind: "maxRefusalRate", percent: 5 } as const;

describe("reports: who reads", () => {
  it("gives a report viewer and an administrator the pools, seats owned, prices and licensed agents", async () => {
    for (const who of ["cfo", "admin"] as const) {
      const choices = await reports(who).choices();
      expect(choices.pools).toEqual([{ id: poolId, name: "Specialists", size: 2 }]);
      expect(choices).toMatchObject({ namedSeats: 3, concurrentSeats: 4, prices: { namedSeatMonthlyCents: 4000, concurrentSeatMonthlyCents: 9900, currency: "USD" } });
      expect(choices.agents.map((a) => a.license.kind).sort()).toEqual(["CONCURRENT", "CONCURRENT", "NAMED"]);
    }
  });

  it("refuses an agent with the role named, before any domain code", async () => {
    const error = await errorOf(reports("agent").choices());
    expect(error).toMatchObject({ code: "FORBIDDEN", message: "This is only for administrators and report viewers." });
  });

  it("lets a report viewer run every report with valid input, without taking a seat or writing an event", async () => {
    const calls = [
      () => reports("cfo").usage({ ...period, scope: poolId }),
      () => reports("cfo").optimize({ ...period, serviceLevel: level }),
      () => reports("cfo").whatIf({ ...period, serviceLevel: level, namedUserIds: [], concurrentSeats: [{ scope: poolId, seats: 1 }] }),
    ];
    for (const call of calls) {
      const error = await errorOf(call());
      // Until the insight domain lands its stubs answer PRECONDITION_FAILED; never a role or input refusal.
      if (error) expect(["PRECONDITION_FAILED"]).toContain(error.code);
    }
    expect(await db.seatLease.count()).toBe(0);
    expect(await db.seatEvent.count()).toBe(0);
  });
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
    const negative = await errorOf(reports("admin").optimize({ ...period, serviceLevel: level, namedPriceCents: -100 }));
    expect(fieldsOf(negative)).toEqual({ namedPriceCents: ["The price of a named seat cannot be negative"] });
    const notANumber = await errorOf(reports("admin").optimize({ ...period, serviceLevel: level, concurrentPriceCents: Number.NaN }));
    expect(fieldsOf(notANumber).concurrentPriceCents?.[0]).toMatch(/as a number/);
  });

  it("a service level outside 0-100%, or a negative wait", async () => {
    const over = await errorOf(reports("cfo").optimize({ ...period, serviceLevel: { kind: "maxRefusalRate", percent: 140 } }));
    expect(fieldsOf(over)).toEqual({ serviceLevel: ["The share of refused attempts must be between 0% and 100%"] });
    const wait = await errorOf(reports("cfo").whatIf({ ...period, serviceLevel: { kind: "maxWaitMinutes", minutes: -5 }, namedUserIds: [], concurrentSeats: [] }));
    expect(fieldsOf(wait)).toEqual({ serviceLevel: ["The longest wait cannot be negative"] });
  });

  it("a negative number of seats in a what-if mix", async () => {
    const error = await errorOf(reports("admin").whatIf({ ...period, serviceLevel: level, namedUserIds: [], concurrentSeats: [{ scope: poolId, seats: -1 }] }));
    expect(fieldsOf(error)).toEqual({ concurrentSeats: ["The number of concurrent seats cannot be negative"] });
  });
});
