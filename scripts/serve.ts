/**
 * The app's server (issue 14's lean path): one Node process running Next's documented custom
 * server (next({ dev, dir }) and its request handler) with /api/trpc and /api/v1 answered by
 * tRPC's Node adapters first (server/http/lean-server.ts). In development everything goes to
 * Next, so server code keeps hot reloading. Started by scripts/start.ts (npm start, npm run dev)
 * and scripts/lib/app-server.ts (tests, benchmarks), with PORT and the environment they set.
 *
 * `npx tsx scripts/serve.ts [--dev]`
 */
import "./lib/allow-server-only";
import http from "node:http";
import path from "node:path";

async function main() {
  const dev = process.argv.includes("--dev");
  const port = Number(process.env.PORT ?? 3000);
  const root = path.resolve(__dirname, "..");
  const { default: next } = await import("next");
  const server = http.createServer();
  const app = next({ dev, dir: root, port, hostname: "localhost", httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();

  let lean: { handle: (req: http.IncomingMessage, res: http.ServerResponse) => boolean } | null = null;
  if (!dev && process.env.SEATDESK_LEAN_PATH !== "0") {
    const { createLeanHandlers } = await import("../server/http/lean-server");
    const config = (await import(path.join(root, "next.config.js"))) as {
      default?: { headers?: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
      headers?: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]>;
    };
    const rules = (await (config.default ?? config).headers?.()) ?? [];
    lean = createLeanHandlers(rules.find((r) => r.source === "/:path*")?.headers ?? []);
  }

  const { databaseOutageAnswer } = await import("./lib/database-outage-answer");
  server.on("request", (req, res) => {
    if (lean?.handle(req, res)) return;
    // Pages (not the API, which answers its own 503s): a 500 while the database is away is a 503.
    if (!req.url?.startsWith("/api/")) databaseOutageAnswer(res);
    void handle(req, res);
  });
  server.listen(port, () => {
    console.log(
      `> seatdesk listening on http://localhost:${port} ` +
        `(${dev ? "development" : "production"}${lean ? ", lean API path" : ""})`,
    );
  });
  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
