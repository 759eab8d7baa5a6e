import "server-only";
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { readBounded, type AttachmentStore, type StoredObject } from "./store";

const KEY = /^[a-f0-9]{32}$/;
/** A write in progress (or one a crash interrupted): `<key>.part-<random>`. */
const PART = /^[a-f0-9]{32}\.part-[a-f0-9]{8}$/;
const SHARD = /^[a-f0-9]{2}$/;

/**
 * Attachments on the local disk, under one directory (.data/attachments by default). A key is
 * 32 random hex characters and the file lives at <dir>/<first two>/<key>: the path never holds
 * anything the user typed, so no file name can reach outside the directory. A file is written
 * to a temporary name and renamed when complete, so a reader never sees half a file.
 */
export class LocalDiskStore implements AttachmentStore {
  constructor(private readonly dir: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error("Not an attachment key");
    return path.join(this.dir, key.slice(0, 2), key);
  }

  async put(body: ReadableStream<Uint8Array>, options: { maxBytes: number }): Promise<StoredObject> {
    const key = randomBytes(16).toString("hex");
    const finalPath = this.pathOf(key);
    await mkdir(path.dirname(finalPath), { recursive: true });
    const tempPath = `${finalPath}.part-${randomBytes(4).toString("hex")}`;
    const file = await open(tempPath, "wx", 0o600);
    try {
      const read = await readBounded(body, options.maxBytes, async (piece) => {
        await file.write(piece);
      });
      await file.close();
      await rename(tempPath, finalPath);
      return { key, ...read };
    } catch (error) {
      await file.close().catch(() => {});
      await unlink(tempPath).catch(() => {});
      throw error;
    }
  }

  async get(key: string): Promise<ReadableStream<Uint8Array> | null> {
    if (!KEY.test(key)) return null;
    const filePath = this.pathOf(key);
    try {
      await stat(filePath);
    } catch {
      return null;
    }
    return Readable.toWeb(createReadStream(filePath)) as ReadableStream<Uint8Array>;
  }

  async delete(key: string): Promise<void> {
    if (!KEY.test(key)) return;
    await unlink(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }

  async *keysStoredBefore(before: Date): AsyncIterable<string> {
    const shards = await readdir(this.dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [] as string[];
      throw error;
    });
    for (const shard of shards.filter((name) => SHARD.test(name)).sort()) {
      const shardDir = path.join(this.dir, shard);
      for (const name of await readdir(shardDir)) {
        const isKey = KEY.test(name);
        if (!isKey && !PART.test(name)) continue; // not ours: left alone
        const filePath = path.join(shardDir, name);
        const modified = await stat(filePath).then(
          (s) => s.mtime,
          () => null,
        );
        if (!modified || modified >= before) continue;
        if (isKey) yield name;
        else await unlink(filePath).catch(() => {}); // an upload that never finished
      }
    }
  }
}
