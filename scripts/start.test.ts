import { spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** `npm start` refuses clearly, in one line and without a stack trace, when it cannot run. */
const tsx = path.join("node_modules", ".bin", "tsx");

function runStart(env: Record<string, string>) {
  return spawnSync(tsx, ["scripts/start.ts"], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 });
}

describe("npm start", () => {
  let blocker: net.Server;
  let busyPort = 0;
  beforeAll(async () => {
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    busyPort = (blocker.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it("says which port is busy and how to choose another", () => {
    const result = runStart({ PORT: String(busyPort) });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `[seatdesk] Port ${busyPort} is already in use. Stop whatever uses it, or choose another port: ` +
        `PORT=${busyPort + 1} npm start`,
    );
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("says which database cannot be reached and what to do", () => {
    const result = runStart({ PORT: "39917", DATABASE_URL: "postgresql://nobody:secret@127.0.0.1:1/seatdesk" });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("Cannot reach PostgreSQL at 127.0.0.1:1/seatdesk");
    expect(lines[0]).toContain("unset DATABASE_URL to use the embedded database");
    expect(lines[0]).not.toContain("secret");
  });

  it("refuses a PORT that is not a port number", () => {
    const result = runStart({ PORT: "eighty" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('[seatdesk] PORT must be a port number, not "eighty".');
  });
});
