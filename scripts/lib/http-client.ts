import http from "node:http";

/*
 * A lean HTTP client for the benchmarks and the tests that drive a running app (agent-client.ts).
 * node:http with a keep-alive agent costs the client
 * less CPU than fetch, which matters on a 2-core machine where the client and the app share the
 * cores. Enough sockets for the storm to send every request at once.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 2000, maxFreeSockets: 2000 });

export type HttpResult = { status: number; headers: http.IncomingHttpHeaders; body: string };
export type HttpInit = { method: "GET" | "POST"; headers?: Record<string, string>; body?: string };

function once(url: URL, init: HttpInit): Promise<HttpResult & { reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method, headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          reused: req.reusedSocket,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", (error: NodeJS.ErrnoException) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/**
 * One request. A kept-alive socket the server closed just as we reused it fails with
 * ECONNRESET before anything was processed; that request is sent once more on a new socket.
 */
export async function httpRequest(url: URL, init: HttpInit): Promise<HttpResult> {
  try {
    return await once(url, init);
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { reusedSocket?: boolean };
    if (e.reusedSocket && (e.code === "ECONNRESET" || e.code === "EPIPE")) return once(url, init);
    throw error;
  }
}

/** `name=value` pairs of the Set-Cookie headers, for a Cookie header. */
export function cookiesFrom(headers: http.IncomingHttpHeaders): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of headers["set-cookie"] ?? []) {
    const pair = line.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return jar;
}

export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
