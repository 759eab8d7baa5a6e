import pg from "pg";
import { startEmbeddedPostgres, testPostgresLocation } from "./embedded-db";
import { migrateDeploy } from "./migrate";

/*
 * The PostgreSQL server that tests, browser tests and benchmarks make their databases on: the
 * server of TEST_DATABASE_URL (it must allow CREATE DATABASE), or the embedded one for tests
 * (SEATDESK_TEST_PG_PORT).
 */

export type TestServer = { serverUrl: string; stop: () => Promise<void> };

export async function openTestServer(): Promise<TestServer> {
  if (process.env.TEST_DATABASE_URL) return { serverUrl: process.env.TEST_DATABASE_URL, stop: async () => {} };
  const server = await startEmbeddedPostgres(testPostgresLocation());
  return { serverUrl: server.url("postgres"), stop: server.stop };
}

/** Runs statements on the server's maintenance database (create and drop databases). */
export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(
  serverUrl: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the same server. */
export function databaseUrlOn(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new, migrated database named `<prefix>_<time>` on the test server. `drop` removes it and
 * stops the embedded server if this call started it.
 */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = await openTestServer();
  const name = `${prefix}_${Date.now()}`;
  await adminQuery(server.serverUrl, `create database "${name}"`);
  const drop = async () => {
    try {
      await adminQuery(server.serverUrl, `drop database if exists "${name}" with (force)`);
    } finally {
      await server.stop();
    }
  };
  const url = databaseUrlOn(server.serverUrl, name);
  try {
    migrateDeploy(url, { quiet: true });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}
