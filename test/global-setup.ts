/**
 * Once per `vitest run`: a PostgreSQL server (the embedded one under .data/test-postgres-<port>, or
 * the server of TEST_DATABASE_URL), a template database with every migration applied, and the
 * facts test files need to make their own database from it (test/db.ts).
 */
import type { TestProject } from "vitest/node";
import { adminQuery, databaseUrlOn, openTestServer } from "../scripts/lib/test-server";
import { migrateDeploy } from "../scripts/lib/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    testDb: { serverUrl: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const template = `seatdesk_template_${process.pid}_${Date.now()}`;
  const { serverUrl, stop: stopServer } = await openTestServer();
  await adminQuery(serverUrl, `create database "${template}"`);
  migrateDeploy(databaseUrlOn(serverUrl, template), { quiet: true });
  project.provide("testDb", { serverUrl, template });

  return async () => {
    // Test databases made from the template, and the template itself.
    const rows = await adminQuery<{ datname: string }>(
      serverUrl,
      "select datname from pg_database where datname like $1 or datname = $2",
      [`${template}_%`, template],
    );
    for (const { datname } of rows) await adminQuery(serverUrl, `drop database if exists "${datname}" with (force)`);
    await stopServer();
  };
}
