import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { adminQuery, databaseUrlOn, openTestServer } from "../../scripts/lib/test-server";
import { migrateDeploy } from "../../scripts/lib/migrate";
import { GENERATOR_VERSION, generateBenchOrganisation, type BenchSizes } from "./tickets-generator";

/*
 * The large organisation is generated once and kept on the test PostgreSQL as a template
 * database named after what it depends on (the generator's version, the sizes, the migrations),
 * so a re-run copies it (a file copy, seconds) instead of generating it again (minutes). A
 * template of the same size but an older generator or schema is dropped. BENCH_REGENERATE=1
 * forces a new one.
 */

const PREFIX = "seatdesk_bench_tickets_tpl";

export type TicketsBenchDatabase = { url: string; generated: boolean; template: string; drop: () => Promise<void> };

function templateName(sizes: BenchSizes): string {
  const migrations = fs.readdirSync(path.join(process.cwd(), "prisma", "migrations")).filter((d) => /^\d/.test(d)).sort();
  const key = crypto.createHash("sha256").update(JSON.stringify({ GENERATOR_VERSION, sizes, migrations })).digest("hex").slice(0, 10);
  return `${PREFIX}_${sizes.tickets}_${key}`;
}

export async function openTicketsBenchDatabase(sizes: BenchSizes, log: (line: string) => void): Promise<TicketsBenchDatabase> {
  const server = await openTestServer();
  const template = templateName(sizes);
  const exists = async (name: string) => (await adminQuery(server.serverUrl, "select 1 from pg_database where datname = $1", [name])).length > 0;
  let generated = false;
  if (process.env.BENCH_REGENERATE === "1" || !(await exists(template))) {
    // Older templates of this size (another generator version or schema) are of no use any more.
    for (const old of await adminQuery<{ datname: string }>(server.serverUrl, "select datname from pg_database where datname like $1", [`${PREFIX}_${sizes.tickets}_%`])) {
      await adminQuery(server.serverUrl, `drop database if exists "${old.datname}" with (force)`);
    }
    const building = `${template}_building`;
    await adminQuery(server.serverUrl, `create database "${building}"`);
    try {
      const url = databaseUrlOn(server.serverUrl, building);
      migrateDeploy(url, { quiet: true });
      log(`generating the organisation into ${building} (once; kept as ${template})…`);
      await generateBenchOrganisation(url, sizes, log);
      await adminQuery(server.serverUrl, `alter database "${building}" rename to "${template}"`);
      generated = true;
    } catch (error) {
      await adminQuery(server.serverUrl, `drop database if exists "${building}" with (force)`);
      throw error;
    }
  }
  const name = `seatdesk_bench_tickets_${Date.now()}`;
  await adminQuery(server.serverUrl, `create database "${name}" template "${template}"`);
  return {
    url: databaseUrlOn(server.serverUrl, name),
    generated,
    template,
    drop: async () => {
      try {
        await adminQuery(server.serverUrl, `drop database if exists "${name}" with (force)`);
      } finally {
        await server.stop();
      }
    },
  };
}
