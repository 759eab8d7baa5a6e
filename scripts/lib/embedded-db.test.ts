import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { firstFolderNotEnterable, startEmbeddedPostgres } from "./embedded-db";

/*
 * As root, the embedded PostgreSQL runs as the system user `postgres`. A project inside a home
 * folder of mode 700 used to end `npm start` with a raw EACCES stack from initdb; now one line
 * says which folder and what to do.
 */

const home = fs.mkdtempSync(path.join(os.tmpdir(), "seatdesk-home-")); // mode 700, like /root
const dataDir = path.join(home, "project", ".data", "postgres");
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the embedded PostgreSQL started as root", () => {
  const stranger = { uid: 54321, gid: 54321 };

  it("finds the first folder on the way that another user cannot enter", () => {
    fs.chmodSync(home, 0o700);
    expect(firstFolderNotEnterable(dataDir, stranger)).toEqual({ folder: home, mode: "700" });
    fs.chmodSync(home, 0o711);
    expect(firstFolderNotEnterable(dataDir, stranger)).toBeNull();
    fs.chmodSync(home, 0o700);
  });

  it.skipIf(process.getuid?.() !== 0)("stops with one line that says why and what to do", async () => {
    fs.chmodSync(home, 0o700);
    const error = await startEmbeddedPostgres({ dataDir, port: await freePort() }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toBe(
      `started as root, the embedded PostgreSQL runs as the system user "postgres", who cannot ` +
        `enter ${home} (mode 700). Run npm start as an ordinary user, set DATABASE_URL to your own PostgreSQL, or ` +
        `let others through that folder: chmod o+x ${home}`,
    );
  });
});
