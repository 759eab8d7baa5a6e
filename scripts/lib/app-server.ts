import { spawn, type ChildProcess } from "node:child_process";
import { buildIfNeeded } from "./build";
import { withBuildLock } from "./build-lock";
import { withServerNodeOptions } from "./server-node-options";

/**
 * A production instance of the app for tests and benchmarks: built if needed, started with the
 * app's own server (scripts/serve.ts: Next's custom server with the lean API path, as `npm start`
 * runs it) on `port` against `databaseUrl`, resolved once it answers.
 */
export type AppServer = { url: string; process: ChildProcess; stop: (signal?: NodeJS.Signals) => Promise<void> };

export async function ensureBuilt(root = process.cwd()): Promise<void> {
  await withBuildLock(root, () =>
    buildIfNeeded(root, { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }, (l) =>
      console.log(`[build] ${l}`),
    ),
  );
}

export async function startAppServer(options: {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
  quiet?: boolean;
  root?: string;
}): Promise<AppServer> {
  const root = options.root ?? process.cwd();
  const url = `http://localhost:${options.port}`;
  // node itself with tsx's loader (not the tsx CLI, which would run the server in a child): the
  // pid is the server's, as the benchmarks' CPU meters need.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: root,
    env: withServerNodeOptions({
      ...process.env,
      PORT: String(options.port),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-secret-that-is-long-enough",
      NEXTAUTH_URL: url,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      ...options.env,
    }),
    stdio: ["ignore", options.quiet ? "ignore" : "inherit", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`The app on port ${options.port} exited while starting (code ${child.exitCode}).`);
    try {
      const res = await fetch(`${url}/sign-in`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The app on port ${options.port} did not answer within 60 s.`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    process: child,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}
