/**
 * Once per `vitest run`: a PostgreSQL server (the embedded one under .data/test-postgres, or
 * the server of TEST_DATABASE_URL), a template database with every migration applied, and the
 * facts test files need to make their own database from it (test/db.ts).
 */
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, testPostgresLocation } from "../scripts/lib/embedded-db";
import { migrateDeploy } from "../scripts/lib/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    testDb: { serverUrl: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const template = `seatdesk_template_${process.pid}_${Date.now()}`;
  let serverUrl: string;
  let stopServer = async () => {};
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = process.env.TEST_DATABASE_URL;
  } else {
    const server = await startEmbeddedPostgres({ ...testPostgresLocation() });
    serverUrl = server.url("postgres");
    stopServer = server.stop;
  }
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await admin(`create database "${template}"`);
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${template}`;
  migrateDeploy(templateUrl.toString(), { quiet: true });
  project.provide("testDb", { serverUrl, template });

  return async () => {
    // Test databases made from the template, and the template itself.
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like $1 or datname = $2", [`${template}_%`, template]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    await client.end();
    await stopServer();
  };
}
