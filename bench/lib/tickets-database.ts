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
 * forces a new one. BENCH_TEMPLATE=<name> copies that template whatever its key (and applies the
 * migrations it lacks to the copy): while migrations are being written in the same checkout, a run
 * then neither regenerates the organisation nor drops the kept template.
 */

const PREFIX = "seatdesk_bench_tickets_tpl";

export type TicketsBenchDatabase = { url: string; generated: boolean; template: string; drop: () => Promise<void> };

function templateName(sizes: BenchSizes): string {
  const migrations = fs
    .readdirSync(path.join(process.cwd(), "prisma", "migrations"))
    .filter((d) => /^\d/.test(d))
    .sort();
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify({ GENERATOR_VERSION, sizes, migrations }))
    .digest("hex")
    .slice(0, 10);
  return `${PREFIX}_${sizes.tickets}_${key}`;
}

export async function openTicketsBenchDatabase(
  sizes: BenchSizes,
  log: (line: string) => void,
): Promise<TicketsBenchDatabase> {
  const server = await openTestServer();
  const chosen = process.env.BENCH_TEMPLATE;
  const template = chosen || templateName(sizes);
  const exists = async (name: string) =>
    (await adminQuery(server.serverUrl, "select 1 from pg_database where datname = $1", [name])).length > 0;
  let generated = false;
  if (chosen && !(await exists(chosen)))
    throw new Error(`BENCH_TEMPLATE: there is no database "${chosen}" on the test server.`);
  if (!chosen && (process.env.BENCH_REGENERATE === "1" || !(await exists(template)))) {
    // Older templates of this size (another generator version or schema) are of no use any more.
    for (const old of await adminQuery<{ datname: string }>(
      server.serverUrl,
      "select datname from pg_database where datname like $1",
      [`${PREFIX}_${sizes.tickets}_%`],
    )) {
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
  if (chosen) {
    try {
      migrateDeploy(databaseUrlOn(server.serverUrl, name), { quiet: true });
    } catch (error) {
      await adminQuery(server.serverUrl, `drop database if exists "${name}" with (force)`);
      throw error;
    }
  }
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
