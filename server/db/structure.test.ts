import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * The shape of server/db (issue 12, "one way to the database"): its modules build on each other in
 * layers (timeouts and runner at the bottom, then pg, client, transaction and sql), never in a
 * circle; and a transaction is opened only through server/db (inTransaction, inSqlTransaction),
 * so every one has the bounds of server/db/timeouts.ts.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const DB_DIR = path.join(ROOT, "server/db");

/** The relative imports of a module's source, `import type` and re-exports included. */
function relativeImports(source: string): string[] {
  const found = source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"|^\s*import\s+"(\.[^"]+)"/gm);
  return [...found].map((m) => (m[1] ?? m[2])!);
}

/** Every import cycle among `modules` (name → its source), each as the list of names around it. */
function importCycles(modules: Map<string, string>): string[][] {
  const edges = new Map<string, string[]>();
  for (const [name, source] of modules) {
    const targets = relativeImports(source)
      .filter((spec) => spec.startsWith("./") && !spec.slice(2).includes("/"))
      .map((spec) => spec.slice(2).replace(/\.ts$/, ""))
      .filter((target) => modules.has(target));
    edges.set(name, targets);
  }
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (name: string) => {
    state.set(name, "open");
    stack.push(name);
    for (const next of edges.get(name) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(name, "done");
  };
  for (const name of [...modules.keys()].sort()) if (!state.has(name)) visit(name);
  return cycles;
}

function dbModules(): Map<string, string> {
  const modules = new Map<string, string>();
  for (const file of readdirSync(DB_DIR)) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    modules.set(file.replace(/\.ts$/, ""), readFileSync(path.join(DB_DIR, file), "utf8"));
  }
  return modules;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${path.sep}generated${path.sep}`));
}

describe("server/db", () => {
  it("has no import cycle among its modules", () => {
    const modules = dbModules();
    expect(modules.has("sql") && modules.has("pg") && modules.has("client")).toBe(true);
    expect(importCycles(modules)).toEqual([]);
  });

  it("the cycle check finds a cycle, type-only imports and re-exports included", () => {
    const modules = new Map([
      ["a", `import { b } from "./b";`],
      ["b", `import type { C } from "./c";\nexport { x } from "./d";`],
      ["c", `import {\n  a,\n} from "./a";`],
      ["d", `import "./e";`],
      ["e", `export * from "./d";`],
    ]);
    expect(importCycles(modules)).toEqual([
      ["a", "b", "c", "a"],
      ["d", "e", "d"],
    ]);
  });

  it("is the only place that opens a Prisma transaction ($transaction), outside tests", () => {
    const openers = ["app", "server", "lib", "prisma", "scripts", "bench"]
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => /\.\$transaction\(/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(ROOT, file));
    expect(openers).toEqual([path.join("server", "db", "transaction.ts")]);
  });
});
