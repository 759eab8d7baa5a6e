/**
 * Writes a new migration from the change to prisma/schema.prisma since the last committed
 * migration: `npm run db:new-migration -- add_ticket_tags`.
 *
 * `prisma migrate dev` needs a native engine that cannot be installed here, so the SQL comes from
 * `prisma migrate diff` between the schema as of the last committed migration (read from git) and
 * the schema in the working tree. Review the SQL before committing it; hand-written statements
 * (partial indexes, triggers) also go into prisma/sql-extras.sql so the drift test knows them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openLocalDb } from "./lib/local-db";

async function main() {
  const name = (process.argv[2] ?? "").trim();
  if (!/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:new-migration -- <name_in_snake_case>");
    process.exit(1);
  }
  const lastMigrationCommit = spawnSync("git", ["log", "-1", "--format=%H", "--", "prisma/migrations"], {
    encoding: "utf8",
  }).stdout.trim();
  const uncommitted = execFileSync("git", ["status", "--porcelain", "--", "prisma/migrations"], {
    encoding: "utf8",
  }).trim();
  if (uncommitted) {
    console.error(
      "prisma/migrations has uncommitted changes: commit (or remove) them first, so the baseline is known.",
    );
    process.exit(1);
  }
  const fromArgs: string[] = [];
  if (lastMigrationCommit) {
    const previous = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seatdesk-")), "schema.prisma");
    fs.writeFileSync(
      previous,
      execFileSync("git", ["show", `${lastMigrationCommit}:prisma/schema.prisma`], { encoding: "utf8" }),
    );
    fromArgs.push("--from-schema-datamodel", previous);
  } else {
    fromArgs.push("--from-empty");
  }
  // The WASM schema engine reaches the database through the adapter even for a pure diff.
  const db = await openLocalDb();
  try {
    const result = spawnSync(
      path.join("node_modules", ".bin", "prisma"),
      ["migrate", "diff", ...fromArgs, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      {
        env: { ...process.env, DATABASE_URL: db.url },
        encoding: "utf8",
      },
    );
    if (result.status !== 0) throw new Error(result.stderr);
    if (/^-- This is an empty migration/m.test(result.stdout) || !result.stdout.trim()) {
      console.log("No schema change since the last migration: nothing written.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), result.stdout);
    console.log(`Wrote ${dir}/migration.sql: review it, then commit it with the schema change.`);
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
