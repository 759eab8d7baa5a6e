import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { closeDb, createDb, type Db } from "@/server/db/client";

// Cleanups of the databases made by this test file. Registered once, at import (collection)
// time: an afterAll registered later, inside a beforeAll, is ignored by Vitest.
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * A database of its own for the calling test file: a copy of the migrated template (fast:
 * PostgreSQL copies files), dropped after the file. Files run in parallel without seeing each
 * other's rows, and the singleton Entitlement row is theirs to change.
 */
export async function createTestDatabase(
  options: { poolSize?: number } = {},
): Promise<{ db: Db; url: string; newClient: (max?: number) => Db }> {
  const { serverUrl, template } = inject("testDb");
  const name = `${template}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}" template "${template}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const clients: Db[] = [];
  const newClient = (max = 10) => {
    const client = createDb(url.toString(), { max });
    clients.push(client);
    return client;
  };
  const db = newClient(options.poolSize ?? 20);
  cleanups.push(async () => {
    // Drop first: WITH (FORCE) ends every connection, including ones a test left inside a
    // transaction on purpose (a "crashed instance"), which would make a pool's end() wait forever.
    const drop = new pg.Client({ connectionString: serverUrl });
    await drop.connect();
    await drop.query(`drop database if exists "${name}" with (force)`);
    await drop.end();
    const giveUp = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref());
    await Promise.race([Promise.allSettled(clients.map((c) => closeDb(c))), giveUp]);
  });
  return { db, url: url.toString(), newClient };
}
