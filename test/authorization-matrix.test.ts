import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import type { Role } from "@/server/db/generated/enums";
import { appRouter } from "@/server/routers/_app";
import { AppError } from "@/server/errors";
import { AUDIENCES, SIGNED_IN, type Audience } from "./authorization";

/*
 * Who may call what, over EVERY procedure of appRouter, found at run time: a procedure added
 * later is checked too, and one that matches no rule below fails the suite until someone says
 * who may call it. Add a router? Add its rule here, one line. Route handlers, pages and area
 * layouts have their own matrix (test/authorization-matrix-doors.test.ts), over the same audiences.
 */

const RULES: { match: RegExp; who: string; allowed: readonly Audience[] }[] = [
  { match: /^me\./, who: "any signed-in person", allowed: SIGNED_IN },
  // One's own account (a password change): every signed-in person, whatever the role.
  { match: /^account\./, who: "any signed-in person", allowed: SIGNED_IN },
  // One's own second factor (also open to a session the MFA policy limits to enrolment).
  { match: /^mfa\./, who: "any signed-in person", allowed: SIGNED_IN },
  { match: /^seat\./, who: "agents and administrators", allowed: ["AGENT", "ADMIN"] },
  { match: /^admin[A-Z]\w*\./, who: "administrators only", allowed: ["ADMIN"] },
  // The self-service portal: anyone who may raise a ticket (report viewers only read reports).
  { match: /^portal[A-Z]\w*\./, who: "end users, agents and administrators", allowed: ["END_USER", "AGENT", "ADMIN"] },
  // The agent console: reads need no seat, writes are seat-gated (a domain FORBIDDEN, not a role gate).
  { match: /^console[A-Z]\w*\./, who: "agents and administrators", allowed: ["AGENT", "ADMIN"] },
  // License and service reports: read-only, for administrators and report viewers.
  { match: /^reports[A-Z]?\w*\./, who: "administrators and report viewers", allowed: ["ADMIN", "REPORT_VIEWER"] },
  // The API for programs (/api/v1): only with an API token, never a browser session (server/api/api-v1.test.ts).
  { match: /^api\./, who: "programs with an API token, never a browser session", allowed: [] },
  // Change management in the console: reads need no seat; writes are module doors (seat + change license).
  { match: /^changes\./, who: "agents and administrators", allowed: ["AGENT", "ADMIN"] },
  // Problem management in the console: reads need no seat; writes are module doors (seat + problem license).
  { match: /^problems\./, who: "agents and administrators", allowed: ["AGENT", "ADMIN"] },
  // Approvers need no seat and no agent license: whether it is theirs to decide is the domain's rule.
  { match: /^approvals\./, who: "any signed-in person", allowed: SIGNED_IN },
];

const procedures = Object.keys(appRouter._def.procedures).sort();
const rulesOf = (path: string) => RULES.filter((r) => r.match.test(path));

let db: Db;
const people = {} as Record<Role, { id: string }>;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  // Agents and admins without any seat license: authorization must not depend on holding a seat.
  for (const role of ["END_USER", "AGENT", "ADMIN", "REPORT_VIEWER"] as const)
    people[role] = await createUser(db, { role });
});

/**
 * Calls a procedure by its dotted path with no input. The caller's type only knows the paths
 * written in code, so it is walked untyped here. Auth middlewares run before input parsing, so
 * a missing input only matters to callers who got past them (BAD_REQUEST, which is fine).
 */
async function call(audience: Audience, path: string): Promise<unknown> {
  const session = audience === "ANONYMOUS" ? null : await signIn(db, people[audience].id);
  let node: unknown = callerFor(db, session);
  for (const segment of path.split(".")) node = (node as Record<string, unknown>)[segment];
  return (node as (input: unknown) => Promise<unknown>)(undefined);
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

describe("authorization matrix", () => {
  it("sees every procedure (no lazy routers hide any)", () => {
    expect(Object.keys(appRouter._def.lazy ?? {})).toEqual([]);
    expect(procedures).toEqual(
      expect.arrayContaining(["me.get", "seat.status", "adminUsers.create", "adminGroups.addMember"]),
    );
  });

  it.each(procedures)("%s is classified by exactly one rule", (path) => {
    const matches = rulesOf(path);
    if (matches.length !== 1) {
      throw new Error(
        `Procedure "${path}" matches ${matches.length} authorization rules ` +
          `(${matches.map((r) => r.match).join(", ") || "none"}). ` +
          (`Add exactly one rule for it to RULES at the top of test/authorization-matrix.test.ts, saying ` +
            `who may call it.`),
      );
    }
  });

  const cases = procedures.flatMap((path) => AUDIENCES.map((audience) => [path, audience] as const));
  it.each(cases)("%s as %s", async (path, audience) => {
    const rule = rulesOf(path)[0];
    if (!rule) return; // reported by the classification test above
    const error = await errorOf(call(audience, path));
    if (!rule.allowed.includes(audience)) {
      expect(error, `${path} is for ${rule.who}; ${audience} must be refused`).toBeInstanceOf(TRPCError);
      const { code, cause } = error as TRPCError;
      expect(code).toBe(audience === "ANONYMOUS" ? "UNAUTHORIZED" : "FORBIDDEN");
      // Refused by the procedure's gate (a middleware), not by chance deeper in the domain.
      expect(cause).not.toBeInstanceOf(AppError);
      return;
    }
    if (!(error instanceof TRPCError)) return;
    expect(error.code, `${path} is for ${rule.who}; ${audience} was refused: ${error.message}`).not.toBe(
      "UNAUTHORIZED",
    );
    // A FORBIDDEN decided by the domain for an allowed caller (e.g. "you have no seat license" on a
    // seat-gated write) is not an authorization refusal; one from a role gate is.
    if (error.code === "FORBIDDEN")
      expect(error.cause, `${path}: ${audience} was refused by a role gate: ${error.message}`).toBeInstanceOf(AppError);
  });
});
