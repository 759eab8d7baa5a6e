import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, errorFacts, HTTP_STATUS, httpStatusOf, type AppErrorCode } from "./errors";

/*
 * One mapping from the domain's errors to HTTP: a route handler (server/http/route-gate.ts) answers
 * an AppError with the status a procedure would (tRPC's own for the code of the same name), and
 * both tell the client the same facts beside the message.
 */
describe("the mapping of domain errors to HTTP", () => {
  it.each(Object.keys(HTTP_STATUS) as AppErrorCode[])("%s has the status tRPC gives it", (code) => {
    expect(httpStatusOf(new AppError(code, "x"))).toBe(getHTTPStatusCodeFromError(new TRPCError({ code })));
  });

  it("keeps a finer status an error names (a file too large: 413)", () => {
    expect(httpStatusOf(new AppError("BAD_REQUEST", "too large", { httpStatus: 413 }, "file"))).toBe(413);
  });

  it("tells the field, its message and the details of an AppError, and zod's issues per field", () => {
    expect(errorFacts(new AppError("CONFLICT", "Seat taken", { seat: "refused" }, "name"))).toEqual({
      fieldErrors: { name: ["Seat taken"] },
      details: { seat: "refused" },
    });
    const zod = z.object({ to: z.string({ error: "Enter the end" }) }).safeParse({});
    expect(errorFacts(zod.error)).toEqual({ fieldErrors: { to: ["Enter the end"] }, details: null });
    expect(errorFacts(new Error("boom"))).toEqual({ fieldErrors: null, details: null });
  });
});
