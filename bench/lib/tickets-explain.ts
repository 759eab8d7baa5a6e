import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../server/db/generated/client";
import { closeDb, dbOf, type Db } from "../../server/db/client";
import { createPgPool } from "../../server/db/pg";

/*
 * What a domain function asks PostgreSQL, and what each statement costs there: the function runs
 * on a Prisma client that reports its queries, then each query is run again under
 * EXPLAIN (ANALYZE, BUFFERS) with the same parameters. For finding why a request is slow.
 */

export type ExplainedQuery = { sql: string; prismaMs: number; executionMs: number; planningMs: number; plan: string[] };

export async function explainDomainCall(
  databaseUrl: string,
  call: (db: Db) => Promise<unknown>,
): Promise<ExplainedQuery[]> {
  // Prisma's query events capture the Prisma path; the raw path's statements go to the pool unseen.
  const pool = createPgPool(databaseUrl, 2);
  const logged = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  const db = dbOf(logged, pool);
  const captured: { query: string; params: string; duration: number }[] = [];
  try {
    await call(db); // warm: connection, plans, caches
    logged.$on("query", (e) => captured.push({ query: e.query, params: e.params, duration: e.duration }));
    await call(db);
  } finally {
    await closeDb(db);
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const out: ExplainedQuery[] = [];
    for (const q of captured) {
      if (/^\s*(begin|commit|rollback|select now\(\))/i.test(q.query)) continue;
      let params: unknown[] = [];
      try {
        params = JSON.parse(q.params) as unknown[];
      } catch {}
      // Twice: the first run of a fresh connection also loads the catalog (tens of ms of planning).
      const explain = () => client.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${q.query}`, params);
      await explain().catch(() => {});
      const rows = await explain().then(
        (r) => r.rows.map((x) => x["QUERY PLAN"]),
        (e: Error) => [`(could not explain: ${e.message})`],
      );
      const ms = (label: string) => Number(/([\d.]+) ms/.exec(rows.find((l) => l.startsWith(label)) ?? "")?.[1] ?? NaN);
      out.push({
        sql: q.query.replace(/\s+/g, " ").trim(),
        prismaMs: q.duration,
        executionMs: ms("Execution Time"),
        planningMs: ms("Planning Time"),
        plan: rows,
      });
    }
    return out;
  } finally {
    await client.end();
  }
}
