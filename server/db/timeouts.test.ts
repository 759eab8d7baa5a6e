import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createPool, createPoolMembers } from "@/test/factories";
import { closeDb, createDb, type Db } from "@/server/db/client";
import { databaseTimeouts } from "@/server/env";
import { checkoutSeat } from "@/server/licensing/checkout";

/*
 * Every database connection is bounded in time (server/env.ts, databaseTimeouts). An instance
 * paused in the middle of a seat transaction (SIGSTOP, a long computation on its event loop)
 * looks to PostgreSQL like a session idle in a transaction, holding the pool's row lock. Without
 * idle_in_transaction_session_timeout every other instance's checkout for that pool waited for it
 * without end; with it, PostgreSQL ends the paused session and the others are answered.
 */

let db: Db;
let url: string;
const clients: Db[] = [];

beforeAll(async () => {
  ({ db, url } = await createTestDatabase());
});

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => closeDb(c)));
});

function instance(overrides: Partial<ReturnType<typeof databaseTimeouts>> = {}): Db {
  const client = createDb(url, { max: 4, timeouts: { ...databaseTimeouts({}), ...overrides } });
  clients.push(client);
  return client;
}

describe("database time bounds", () => {
  it("sets the bounds on every connection of the pool, Prisma's queries included", async () => {
    const client = instance({ DB_STATEMENT_TIMEOUT_MS: 1000, DB_LOCK_TIMEOUT_MS: 3000 });
    const [row] = await client.$queryRaw<[{ statement: string; lock: string; idle: string }]>`
      select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock,
        current_setting('idle_in_transaction_session_timeout') as idle`;
    expect(row).toEqual({ statement: "1s", lock: "3s", idle: "5s" });
    await expect(client.$queryRaw`select pg_sleep(3)`).rejects.toThrow(/statement timeout/);
  });

  it("answers other instances' checkouts in seconds while a paused instance holds the pool's row lock", async () => {
    const pool = await createPool(db, { size: 2 });
    const [first, second] = await createPoolMembers(db, pool.id, 2);

    // The paused instance: in a seat transaction, holding the pool's row lock, then silent.
    const paused = instance({ DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: 1500 });
    const connection = await paused.$pool.connect();
    await connection.query("begin");
    await connection.query(`select id from "SeatPool" where id = $1 for no key update`, [pool.id]);
    const connectionLost = new Promise<Error>((resolve) => connection.on("error", resolve));

    // Two other instances (default bounds) ask for the pool's seats.
    const started = Date.now();
    const answers = await Promise.all(
      [first!, second!].map(async (agent) => {
        const result = await checkoutSeat(instance(), { userId: agent.id });
        return { status: result.status, seconds: (Date.now() - started) / 1000 };
      }),
    );
    for (const answer of answers) {
      expect(answer.status).toBe("granted");
      expect(answer.seconds).toBeLessThan(5);
    }
    // PostgreSQL ended the paused session; its lock went with it.
    expect((await connectionLost).message).toMatch(/idle-in-transaction timeout|terminat/i);
    connection.release(true);
  }, 30_000);
});
