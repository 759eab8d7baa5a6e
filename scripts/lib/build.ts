import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

/*
 * `npm start` builds only when the sources changed since the last build: a fingerprint of the
 * files that go into the build is kept next to it.
 */
const INPUTS = [
  "app",
  "components",
  "lib",
  "server",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
];
const SKIP = new Set(["node_modules", ".next", "generated"]);

/** The build folder: .next, or SEATDESK_DIST_DIR (see next.config.js). */
export const distDir = () => process.env.SEATDESK_DIST_DIR || ".next";

function walk(p: string, out: string[]) {
  if (!fs.existsSync(p)) return;
  const stat = fs.statSync(p);
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) if (!SKIP.has(name)) walk(path.join(p, name), out);
  } else {
    out.push(`${p}:${stat.size}:${stat.mtimeMs}`);
  }
}

/**
 * tsconfig.json by what it says, not when it was written: `next build` with another build folder
 * (SEATDESK_DIST_DIR) adds that folder's type globs to "include" and reformats the file, and
 * putting it back touches it; neither changes what is built, so neither may cause a rebuild.
 */
export function tsconfigEntry(file: string): string {
  if (!fs.existsSync(file)) return "tsconfig.json:none";
  const text = fs.readFileSync(file, "utf8");
  try {
    const config = JSON.parse(text) as { include?: unknown };
    if (Array.isArray(config.include))
      config.include = config.include.filter((glob) => !(typeof glob === "string" && /^\.next[^/]*\//.test(glob)));
    return `tsconfig.json:${JSON.stringify(config)}`;
  } catch {
    return `tsconfig.json:${text}`; // not plain JSON (comments): the text itself
  }
}

export function sourceFingerprint(root: string): string {
  const entries: string[] = [tsconfigEntry(path.join(root, "tsconfig.json"))];
  for (const input of INPUTS) walk(path.join(root, input), entries);
  return crypto.createHash("sha256").update(entries.join("\n")).digest("hex");
}

export function buildIfNeeded(root: string, env: NodeJS.ProcessEnv, log: (line: string) => void): void {
  const stampFile = path.join(root, distDir(), "seatdesk-fingerprint");
  const fingerprint = sourceFingerprint(root);
  const built =
    fs.existsSync(path.join(root, distDir(), "BUILD_ID")) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, "utf8") === fingerprint;
  if (built) return;
  log("Building the app (first start, or the sources changed); this takes a minute or two…");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("The build failed; see the messages above.");
  fs.writeFileSync(stampFile, fingerprint);
}
