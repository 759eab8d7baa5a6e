import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createCallerFactory, router } from "./init";
import { publicProcedure } from "./procedures";
import { createInnerContext } from "./context";
import { AppError } from "../errors";
import { Prisma } from "../db/client";
import type { Db } from "../db/client";
import { z } from "zod";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/text/storable";

/** How the error middleware turns failures into what a client can read. */
const testRouter = router({
  busy: publicProcedure.query(() => {
    throw new Prisma.PrismaClientKnownRequestError(
      "Transaction API error: Unable to start a transaction in the given time.",
      { code: "P2028", clientVersion: "6.19.3" },
    );
  }),
  echo: publicProcedure
    .input(z.object({ ticket: z.object({ title: z.string() }) }))
    .mutation(({ input }) => input.ticket.title),
  conflict: publicProcedure.query(() => {
    throw new AppError("CONFLICT", "7 of 7 named seats are assigned.", { named: 7 }, "kind");
  }),
});
const caller = createCallerFactory(testRouter)(createInnerContext({ db: {} as Db, session: null }));

describe("errors middleware", () => {
  it("answers a database that is too busy with TOO_MANY_REQUESTS and a readable message, not a 500", async () => {
    const error = await caller.busy().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect((error as TRPCError).message).toBe("seatdesk is very busy right now. Please try again in a moment.");
  });

  it("passes an AppError's code and message through", async () => {
    const error = await caller.conflict().catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("CONFLICT");
    expect((error as TRPCError).message).toBe("7 of 7 named seats are assigned.");
  });

  it("refuses text PostgreSQL cannot store before the procedure runs, naming the field", async () => {
    const error = await caller.echo({ ticket: { title: "Printer\u0000 jam" } }).catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toBe(UNSTORABLE_TEXT_MESSAGE);
    expect(((error as TRPCError).cause as AppError).field).toBe("ticket.title");
    await expect(caller.echo({ ticket: { title: "Printer jam" } })).resolves.toBe("Printer jam");
  });
});
