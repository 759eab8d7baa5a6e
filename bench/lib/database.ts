import pg from "pg";
import { startEmbeddedPostgres, testPostgresLocation } from "../../scripts/lib/embedded-db";
import { migrateDeploy } from "../../scripts/lib/migrate";

/**
 * A migrated database of the benchmark's own on the test PostgreSQL (the embedded one of
 * SEATDESK_TEST_PG_PORT, or the server of TEST_DATABASE_URL), as scripts/e2e.ts makes one.
 * `drop` removes it and stops the embedded server if this run started it.
 */
export type BenchDatabase = { url: string; drop: () => Promise<void> };

export async function createBenchDatabase(): Promise<BenchDatabase> {
  let serverUrl: string;
  let stopServer = async () => {};
  if (process.env.TEST_DATABASE_URL) serverUrl = process.env.TEST_DATABASE_URL;
  else {
    const server = await startEmbeddedPostgres({ ...testPostgresLocation() });
    serverUrl = server.url("postgres");
    stopServer = server.stop;
  }
  const name = `seatdesk_bench_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await admin(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    try {
      await admin(`drop database if exists "${name}" with (force)`);
    } finally {
      await stopServer();
    }
  };
  try {
    migrateDeploy(url.toString(), { quiet: true });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.toString(), drop };
}
