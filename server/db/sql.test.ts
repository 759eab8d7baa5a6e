import { beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "./generated/client";
import { closeDb, createDb, type Db } from "./client";
import { inSqlTransaction, sqlOutsideTransaction } from "./sql";
import { inTransaction } from "./transaction";
import { createTestDatabase } from "@/test/db";

let db: Db;
let url: string;
beforeAll(async () => {
  ({ db, url } = await createTestDatabase());
  await db.$executeRaw`create table finish_probe (id int primary key, note text not null)`;
});

const notes = async () =>
  (await db.$queryRaw<{ note: string }[]>`select note from finish_probe order by id`).map((r) => r.note);

describe("SqlRunner.finish", () => {
  it("sends the last statements with the commit in one batch: rows come back, writes are committed", async () => {
    const rows = await inSqlTransaction(db, async (sql) => {
      // A Db's raw path is its pg pool: the batch below is pipelined with the COMMIT.
      expect(sql.sqlPath).toBe("pg");
      await sql.execute(Prisma.sql`insert into finish_probe values (1, 'first')`);
      return sql.finish([
        Prisma.sql`insert into finish_probe values (2, 'second') returning id`,
        Prisma.sql`select count(*)::int as n from finish_probe`,
      ]);
    });
    expect(rows).toEqual([[{ id: 2 }], [{ n: 2 }]]);
    expect(await notes()).toEqual(["first", "second"]);
  });

  it("rolls all back when a statement of the batch fails, says why, and leaves the connections usable", async () => {
    await expect(
      inSqlTransaction(db, async (sql) => {
        await sql.execute(Prisma.sql`insert into finish_probe values (3, 'kept?')`);
        return sql.finish([
          Prisma.sql`insert into finish_probe values (1, 'duplicate')`,
          Prisma.sql`insert into finish_probe values (4, 'after the failure')`,
        ]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await notes()).toEqual(["first", "second"]);
    // Every connection of the pool still works, in and out of transactions.
    const pool = db.$pool;
    const answers = await Promise.all(
      Array.from({ length: pool.options.max ?? 4 }, () =>
        inSqlTransaction(db, (sql) => sql.rows<{ one: number }>(Prisma.sql`select 1 as one`)),
      ),
    );
    expect(answers.every((r) => r[0]!.one === 1)).toBe(true);
  });

  it("in a caller's transaction runs the statements in turn, commits nothing: the caller may roll back", async () => {
    await expect(
      inSqlTransaction(db, async (outer) => {
        await inSqlTransaction(outer, (inner) =>
          inner.finish([Prisma.sql`insert into finish_probe values (5, 'nested')`]),
        );
        const [seen] = await outer.rows<{ n: number }>(
          Prisma.sql`select count(*)::int as n from finish_probe where id = 5`,
        );
        expect(seen!.n).toBe(1);
        throw new Error("the caller changes its mind");
      }),
    ).rejects.toThrow("the caller changes its mind");
    expect(await notes()).toEqual(["first", "second"]);
  });
});

describe("the path a statement takes", () => {
  it("follows the type given: a client's pool, or the Prisma transaction it joins and rolls back with", async () => {
    expect(sqlOutsideTransaction(db).sqlPath).toBe("pg");
    await expect(
      inTransaction(db, async (tx) => {
        const path = await inSqlTransaction(tx, async (sql) => {
          await sql.finish([Prisma.sql`insert into finish_probe values (6, 'in a Prisma transaction')`]);
          return sql.sqlPath;
        });
        expect(path).toBe("prisma");
        expect(sqlOutsideTransaction(tx).sqlPath).toBe("prisma");
        throw new Error("the caller changes its mind");
      }),
    ).rejects.toThrow("the caller changes its mind");
    expect(await notes()).toEqual(["first", "second"]);
  });

  it("closeDb ends the client and its pool, also when only the raw path used the pool", async () => {
    const client = createDb(url, { max: 2 });
    await sqlOutsideTransaction(client).rows(Prisma.sql`select 1 as one`);
    expect(client.$pool.totalCount).toBe(1);
    await closeDb(client);
    expect(client.$pool.ended).toBe(true);
    expect(client.$pool.totalCount).toBe(0);
  });
});
