/** Times the usage reports alone on a kept bench database (BENCH_DATABASE_NAME, SEATDESK_TEST_PG_PORT). */
import { closeDb, createDb } from "../../server/db/client";
import { databaseUrlOn, openTestServer } from "../../scripts/lib/test-server";
import { getUsageReport } from "../../server/insight/usage-report";

async function main() {
  const server = await openTestServer();
  const db = createDb(databaseUrlOn(server.serverUrl, process.env.BENCH_DATABASE_NAME!), { max: 4 });
  const to = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
  const from = new Date(to.getTime() - 365 * 86_400_000);
  for (const scope of ["all", "named", "bp01"]) {
    const t = performance.now();
    const report = await getUsageReport(db, { from, to, scope, timeZone: "Europe/Paris" });
    console.log(`${scope}: ${((performance.now() - t) / 1000).toFixed(3)} s, ${report.agents.length} agents`);
  }
  await closeDb(db);
  await server.stop();
}
void main();
