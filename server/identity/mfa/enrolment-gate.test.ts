import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import { appRouter } from "@/server/routers/_app";
import { createAuthSession, findValidSession, type ValidSession } from "@/server/auth/auth-sessions";

/*
 * A session the MFA policy limits to enrolment reaches the mfa.* procedures and nothing else: every
 * other procedure of appRouter (found at run time, like test/authorization-matrix.test.ts) refuses it
 * before reading its input.
 */
let db: Db;
let limited: ValidSession;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  const admin = await createUser(db, { role: "ADMIN" });
  const sid = await createAuthSession(db, { userId: admin.id, maxAgeSeconds: 600, mfaEnrolmentRequired: true });
  limited = (await findValidSession(db, sid))!;
});

async function call(path: string): Promise<unknown> {
  let node: unknown = callerFor(db, limited);
  for (const segment of path.split(".")) node = (node as Record<string, unknown>)[segment];
  return (node as (input: unknown) => Promise<unknown>)(undefined).then(
    () => null,
    (error: unknown) => error,
  );
}

const procedures = Object.keys(appRouter._def.procedures).sort();

describe("a session limited to MFA enrolment", () => {
  it.each(procedures.filter((p) => !p.startsWith("mfa.")))("is refused by %s", async (path) => {
    const error = await call(path);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("FORBIDDEN");
    // The API for programs (api.*) refuses every browser session before anything else, with its own words.
    expect((error as TRPCError).message).toMatch(path.startsWith("api.") ? /API for programs/ : /two-step sign-in/);
  });

  it.each(procedures.filter((p) => p.startsWith("mfa.")))("reaches %s", async (path) => {
    const error = await call(path);
    // Reaching the procedure: either it ran, or it stopped at its own input (confirmEnrolment).
    if (error) expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });
});
