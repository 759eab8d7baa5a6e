import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * Server code stays on the server: every module under server/ imports "server-only" first, so a
 * browser component that reaches one (directly or through another module) fails `next build`.
 * Tests, declaration files and Prisma's generated client are not modules the app imports that way.
 */
const root = path.resolve(import.meta.dirname, "..", "server");

function serverModules(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : serverModules(full);
    const isModule = /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name);
    return isModule ? [full] : [];
  });
}

const firstCodeLine = (source: string) =>
  source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "" && !line.startsWith("//"));

describe("server modules", () => {
  it('each starts with import "server-only"', () => {
    const modules = serverModules(root);
    expect(modules.length).toBeGreaterThan(100);
    const unmarked = modules
      .filter((file) => firstCodeLine(fs.readFileSync(file, "utf8")) !== 'import "server-only";')
      .map((file) => path.relative(path.dirname(root), file));
    expect(unmarked).toEqual([]);
  });
});
