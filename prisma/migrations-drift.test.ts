import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";

/*
 * The committed migrations must produce exactly what prisma/schema.prisma describes (plus the
 * hand-written prisma/sql-extras.sql). Two real databases are compared through the catalog:
 * one built by the migrations (the test template), one built from the schema itself.
 */

async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows.map((r) => JSON.stringify(r)).sort();
    return {
      columns: await q(
        `select table_name, column_name, data_type, udt_name, is_nullable, column_default, is_generated,
          generation_expression from information_schema.columns where table_schema = 'public' and table_name <>
          '_prisma_migrations'`,
      ),
      sequences: await q(
        `select sequence_name, data_type, start_value, increment from information_schema.sequences where
          sequence_schema = 'public'`,
      ),
      functions: await q(
        `select proname, pg_get_function_identity_arguments(oid) as args, prosrc from pg_proc where pronamespace
          = 'public'::regnamespace`,
      ),
      // Settings rows the migrations seed (matrix, service levels, calendar) must match the extras file.
      seededRows: await q(
        `select 'PriorityMatrix' as t, to_jsonb(m) - 'updatedAt' as r from "PriorityMatrix" m union all select
          'SlaTarget', to_jsonb(s) - 'updatedAt' from "SlaTarget" s union all select 'BusinessHours', to_jsonb(b) from
          "BusinessHours" b union all select 'TicketSettings', to_jsonb(t) - 'updatedAt' from "TicketSettings" t`,
      ),
      indexes: await q(
        `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' and tablename <>
          '_prisma_migrations'`,
      ),
      constraints: await q(
        `select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(oid) as def from pg_constraint
          where connamespace = 'public'::regnamespace and conrelid::regclass::text not in ('_prisma_migrations',
          '"_prisma_migrations"')`,
      ),
      enums: await q(
        `select t.typname, array_agg(e.enumlabel order by e.enumsortorder) as labels from pg_type t join pg_enum
          e on e.enumtypid = t.oid group by t.typname`,
      ),
      triggers: await q(`select tgrelid::regclass::text as tbl, tgname from pg_trigger where not tgisinternal`),
    };
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("produce exactly what prisma/schema.prisma and prisma/sql-extras.sql describe", async () => {
    const migrated = await createTestDatabase();
    const fromSchema = await createTestDatabase();
    // Empty the second copy, then build it from the schema alone.
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query("drop schema public cascade; create schema public;");
    const diff = spawnSync(
      path.join("node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      {
        env: { ...process.env, DATABASE_URL: fromSchema.url },
        encoding: "utf8",
      },
    );
    expect(diff.status, diff.stderr).toBe(0);
    await client.query(diff.stdout);
    await client.query(fs.readFileSync(path.join("prisma", "sql-extras.sql"), "utf8"));
    await client.end();

    const [a, b] = await Promise.all([catalog(migrated.url), catalog(fromSchema.url)]);
    expect(a.columns.length).toBeGreaterThan(50);
    expect(a).toEqual(b);
  });
});
