/**
 * Resolves the database that scripts work on: DATABASE_URL when set, otherwise seatdesk's
 * embedded PostgreSQL under .data/ (started here, stopped by the caller).
 */
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDb } from "./embedded-db";

export const DATA_DIR = path.join(process.cwd(), ".data");
export const EMBEDDED_PG_PORT = Number(process.env.SEATDESK_PG_PORT ?? 54329);

export type LocalDb = { url: string; embedded: EmbeddedDb | null; stop: () => Promise<void> };

export async function openLocalDb(options: { database?: string; log?: (line: string) => void } = {}): Promise<LocalDb> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: null, stop: async () => {} };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, "postgres"),
    port: EMBEDDED_PG_PORT,
    log: options.log,
  });
  const database = options.database ?? "seatdesk";
  await embedded.createDatabase(database);
  return { url: embedded.url(database), embedded, stop: embedded.stop };
}
