import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { z } from "zod";
import { createTestDatabase } from "@/test/db";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import { appRouter } from "@/server/routers/_app";
import { inputArbitrary } from "./fuzz/arbitraries";
import { AUDIENCES, buildFuzzWorld, type FuzzWorld } from "./fuzz/setup";

/*
 * Nothing a client can send yields a 500 (issue 11, item 5): generated inputs, valid-looking and
 * hostile (test/fuzz/arbitraries.ts), sent to EVERY procedure of appRouter (found at run time,
 * as test/authorization-matrix.test.ts does) as every role, through every middleware. Each
 * answer is a result or a 4xx error whose message leaks no stack or database text.
 *
 * How many: FUZZ_RUNS inputs per procedure (`FUZZ_RUNS=1000 npx vitest run test/fuzz.test.ts`,
 * the full run, README "Security"); without it, as many as fit a time budget of
 * FUZZ_BUDGET_SECONDS (default 60) shared by the procedures. FUZZ_SEED replays a run.
 */

const procedures = Object.keys(appRouter._def.procedures).sort();
const FULL_RUNS = Number(process.env.FUZZ_RUNS) || 0;
const BUDGET_MS = (Number(process.env.FUZZ_BUDGET_SECONDS) || 60) * 1000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** What must never reach a client: stack frames, Prisma's or PostgreSQL's own words. */
const LEAK = /\n\s+at |node_modules|prisma|Invalid `|violates|syntax error|invalid byte sequence|\bSQL\b|ECONN/i;

let db: Db;
let world: FuzzWorld;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  world = await buildFuzzWorld(db);
});

type ProcedureDef = { _def: { inputs: z.ZodType[]; type: "query" | "mutation" | "subscription" } };

/** Calls a procedure by its dotted path with the input, as the audience. */
function call(audience: (typeof AUDIENCES)[number], path: string, input: unknown): Promise<unknown> {
  let node: unknown = callerFor(db, world.sessions[audience]);
  for (const segment of path.split(".")) node = (node as Record<string, unknown>)[segment];
  return (node as (input: unknown) => Promise<unknown>)(input);
}

/** The assertion: a result, or a client error that says something readable and nothing internal. */
export function assertClientAnswer(error: unknown, what: string): void {
  if (!(error instanceof TRPCError)) throw new Error(`${what}: threw a ${String(error)} instead of a TRPCError`);
  const status = getHTTPStatusCodeFromError(error);
  if (status >= 500)
    throw new Error(`${what}: HTTP ${status} (${error.code}): ${error.cause?.message ?? error.message}`);
  expect(error.message, what).not.toMatch(LEAK);
  expect(error.message.length, what).toBeGreaterThan(0);
}

describe("fuzz: every procedure, every role, generated inputs: never a 500", () => {
  const perProcedureMs = Math.max(200, Math.floor(BUDGET_MS / procedures.length));
  it.each(procedures)(
    "%s",
    async (path) => {
      const def = (appRouter._def.procedures as unknown as Record<string, ProcedureDef>)[path]!._def;
      const input = inputArbitrary(def.inputs[0], world.known);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...AUDIENCES), input, async (audience, value) => {
          try {
            await call(audience, path, value);
          } catch (error) {
            assertClientAnswer(error, `${path} as ${audience}`);
          }
        }),
        {
          numRuns: FULL_RUNS || 1000,
          seed: SEED,
          ...(FULL_RUNS ? {} : { interruptAfterTimeLimit: perProcedureMs, markInterruptAsFailure: false }),
        },
      );
    },
    FULL_RUNS ? 30 * 60_000 : 60_000,
  );
});
