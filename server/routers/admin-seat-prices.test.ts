import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { createCallerFactory, router } from "@/server/trpc/init";
import { createInnerContext } from "@/server/trpc/context";
import { adminSeatPricesRouter } from "./admin-seat-prices";

/*
 * Seat prices (the optimizer's defaults), administrators only. Called through a caller of the
 * router alone (it is registered as `adminSeatPrices`, where the authorization matrix covers it too).
 */
const createCaller = createCallerFactory(router({ adminSeatPrices: adminSeatPricesRouter }));
let db: Db;
const sessions = {} as Record<"admin" | "cfo" | "agent", ValidSession>;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  for (const [who, role] of [
    ["admin", "ADMIN"],
    ["cfo", "REPORT_VIEWER"],
    ["agent", "AGENT"],
  ] as const)
    sessions[who] = await signIn(db, (await createUser(db, { role })).id);
});

const prices = (session: ValidSession | null) => createCaller(createInnerContext({ db, session })).adminSeatPrices;
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );

describe("adminSeatPrices", () => {
  it("reads the schema's defaults before any entitlement was saved, and writes nothing doing so", async () => {
    expect(await prices(sessions.admin).get()).toEqual({
      namedSeatMonthlyCents: 5000,
      concurrentSeatMonthlyCents: 12500,
      currency: "EUR",
    });
    expect(await db.entitlement.count()).toBe(0);
  });

  it("lets an administrator set the prices, recorded as an admin action with before and after", async () => {
    const saved = await prices(sessions.admin).set({
      namedSeatMonthlyCents: 4990,
      concurrentSeatMonthlyCents: 11000,
      currency: " usd ",
    });
    expect(saved).toEqual({ namedSeatMonthlyCents: 4990, concurrentSeatMonthlyCents: 11000, currency: "USD" });
    expect(await prices(sessions.admin).get()).toEqual(saved);
    const event = await db.seatEvent.findFirstOrThrow({ where: { type: "ADMIN_ACTION" } });
    expect(event.actorId).toBe(sessions.admin.user.id);
    expect(event.details).toMatchObject({
      action: "seatPrices.set",
      before: { namedSeatMonthlyCents: 5000 },
      after: { namedSeatMonthlyCents: 4990, currency: "USD" },
    });
  });

  it(
    "refuses report viewers and agents (FORBIDDEN) and anonymous callers (UNAUTHORIZED), changing " + "nothing",
    async () => {
      for (const [session, code] of [
        [sessions.cfo, "FORBIDDEN"],
        [sessions.agent, "FORBIDDEN"],
        [null, "UNAUTHORIZED"],
      ] as const) {
        expect(
          (
            await errorOf(
              prices(session).set({ namedSeatMonthlyCents: 1, concurrentSeatMonthlyCents: 1, currency: "EUR" }),
            )
          )?.code,
        ).toBe(code);
        expect((await errorOf(prices(session).get()))?.code).toBe(code);
      }
      expect((await prices(sessions.admin).get()).namedSeatMonthlyCents).toBe(4990);
    },
  );

  it("answers negative prices, non-numbers and bad currencies beside their fields", async () => {
    const error = await errorOf(
      prices(sessions.admin).set({
        namedSeatMonthlyCents: -1,
        concurrentSeatMonthlyCents: Number.NaN,
        currency: "euro",
      }),
    );
    expect(error?.code).toBe("BAD_REQUEST");
    expect(z.flattenError(error?.cause as ZodError).fieldErrors).toEqual({
      namedSeatMonthlyCents: ["The price of a named seat cannot be negative"],
      concurrentSeatMonthlyCents: ["Enter the price of a concurrent seat as a number"],
      currency: ["Enter a three-letter currency code, like EUR or USD"],
    });
    expect(
      (
        await errorOf(
          prices(sessions.admin).set({ namedSeatMonthlyCents: 10.5, concurrentSeatMonthlyCents: 0, currency: "EUR" }),
        )
      )?.message,
    ).toMatch(/whole cents/);
  });
});
