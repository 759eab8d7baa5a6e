import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { sqlOutsideTransaction, type PgSql } from "../db/sql";
import { readBounded, type AttachmentStore, type StoredObject } from "./store";

const KEY = /^[a-f0-9]{32}$/;
/** Bytes per chunk row: small enough that a reader or writer holds one piece, never the file. */
export const CHUNK_BYTES = 256 * 1024;
const LIST_BATCH = 500;

/**
 * Attachments in PostgreSQL (AttachmentObject, AttachmentChunk), so every app instance serves
 * what any one stored, with nothing to share but the database. Bytes travel in chunks of
 * CHUNK_BYTES, each written and read by a statement of its own: a 10 MB file is never held
 * whole in memory, and no transaction stays open while a slow client uploads or downloads
 * (idle_in_transaction_session_timeout would end it). An object is marked complete after its last
 * chunk, so a reader never sees half a file; one that never completes is cleared by the orphan
 * sweep (keysStoredBefore). Keys are 32 random hex characters, as on the local disk.
 */
export class PostgresStore implements AttachmentStore {
  private readonly sql: PgSql;

  constructor(db: Db) {
    // On `pg` itself: bytea travels as Buffers there (Prisma's raw queries cannot return it).
    this.sql = sqlOutsideTransaction(db);
  }

  async put(body: ReadableStream<Uint8Array>, options: { maxBytes: number }): Promise<StoredObject> {
    const key = randomBytes(16).toString("hex");
    await this.sql.execute(Prisma.sql`insert into "AttachmentObject" (key) values (${key})`);
    let seq = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await this.sql.execute(
        Prisma.sql`insert into "AttachmentChunk" (key, seq, data) values (${key}, ${seq++}::int, ${data})`,
      );
    };
    try {
      const read = await readBounded(body, options.maxBytes, async (value) => {
        // A stream's pieces are of any size: cut them into chunks of exactly CHUNK_BYTES.
        for (let offset = 0; offset < value.byteLength;) {
          const piece = value.subarray(offset, offset + (CHUNK_BYTES - pendingBytes));
          pending.push(piece);
          pendingBytes += piece.byteLength;
          offset += piece.byteLength;
          if (pendingBytes === CHUNK_BYTES) await flush();
        }
      });
      await flush();
      await this.sql.execute(Prisma.sql`update "AttachmentObject" set complete = true where key = ${key}`);
      return { key, ...read };
    } catch (error) {
      await this.delete(key).catch(() => {});
      throw error;
    }
  }

  async get(key: string): Promise<ReadableStream<Uint8Array> | null> {
    if (!KEY.test(key)) return null;
    const [object] = await this.sql.rows<{ chunks: number }>(Prisma.sql`
      select (select count(*)::int from "AttachmentChunk" c where c.key = o.key) as chunks
      from "AttachmentObject" o where o.key = ${key} and o.complete`);
    if (!object) return null;
    const sql = this.sql;
    let seq = 0;
    // Pulled one chunk at a time, as the client reads: backpressure reaches the database.
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (seq >= object.chunks) return controller.close();
        const [chunk] = await sql.rows<{ data: Buffer }>(
          Prisma.sql`select data from "AttachmentChunk" where key = ${key} and seq = ${seq}::int`,
        );
        seq++;
        if (!chunk) return controller.error(new Error(`Attachment ${key} lost a chunk while being read`));
        controller.enqueue(new Uint8Array(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength));
      },
    });
  }

  async delete(key: string): Promise<void> {
    if (!KEY.test(key)) return;
    await this.sql.execute(Prisma.sql`delete from "AttachmentObject" where key = ${key}`);
  }

  async *keysStoredBefore(before: Date): AsyncIterable<string> {
    let after = "";
    for (;;) {
      const rows = await this.sql.rows<{ key: string; complete: boolean }>(Prisma.sql`
        select key, complete from "AttachmentObject"
        where "storedAt" < ${before}::timestamptz and key > ${after}
        order by key limit ${LIST_BATCH}::int`);
      for (const row of rows) {
        if (row.complete) yield row.key;
        else await this.delete(row.key); // an upload that never finished
      }
      if (rows.length < LIST_BATCH) return;
      after = rows[rows.length - 1]!.key;
    }
  }
}
