import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseOutageAnswer } from "./database-outage-answer";
import { isDatabaseReachable, markDatabaseReachable, markDatabaseUnreachable } from "@/server/db/reachability";
import { isDatabaseUnavailable } from "@/server/db/unavailable";

/*
 * The app server's page answer while the database is away (issue 11), over real HTTP: a 500 is a
 * 503 with Retry-After only while the reachability flag is down, whichever way the status is written.
 */
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    databaseOutageAnswer(res);
    const status = Number(new URL(req.url!, "http://x").searchParams.get("status"));
    if (req.url!.startsWith("/explicit")) res.writeHead(status, "Whatever", { "content-type": "text/plain" });
    else res.statusCode = status; // node's implicit writeHead
    res.end("body");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  markDatabaseReachable();
  await new Promise((resolve) => server.close(resolve));
});

describe("a page's 500 while the database is away", () => {
  it("is left alone while the database is reachable", async () => {
    markDatabaseReachable();
    const res = await fetch(`${base}/implicit?status=500`);
    expect(res.status).toBe(500);
    expect(res.headers.get("retry-after")).toBeNull();
  });

  it(
    "becomes 503 with Retry-After once a connection error was seen, written either way; other statuses " + "pass",
    async () => {
      const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      expect(isDatabaseUnavailable(refused)).toBe(true);
      for (const path of ["/implicit", "/explicit"]) {
        const res = await fetch(`${base}${path}?status=500`);
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toBe("5");
        expect(await res.text()).toBe("body");
      }
      expect((await fetch(`${base}/implicit?status=404`)).status).toBe(404);
      expect((await fetch(`${base}/explicit?status=200`)).status).toBe(200);
    },
  );

  it("an error that is not about the database does not lower the flag", () => {
    markDatabaseReachable();
    expect(isDatabaseUnavailable(new Error("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseReachable()).toBe(true);
  });

  it("is probed at most once a second while down, and a probe that succeeds raises it again", async () => {
    let probes = 0;
    let answer = false;
    markDatabaseUnreachable(async () => {
      probes++;
      if (!answer) throw new Error("connect ECONNREFUSED");
    });
    const t = Date.now() + 10_000; // later than any probe before
    expect(isDatabaseReachable(t)).toBe(false);
    expect(isDatabaseReachable(t + 500)).toBe(false);
    await Promise.resolve();
    expect(probes).toBe(1);
    answer = true;
    expect(isDatabaseReachable(t + 1000)).toBe(false); // this probe's answer is for the next caller
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(probes).toBe(2);
    expect(isDatabaseReachable(t + 1001)).toBe(true);
    expect((await fetch(`${base}/implicit?status=500`)).status).toBe(500);
  });
});
