import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sourceFingerprint } from "./build";

/** The build's fingerprint: what decides whether `npm start` and the benchmarks build again. */
describe("sourceFingerprint", () => {
  let root: string;
  const tsconfig = {
    compilerOptions: { strict: true, paths: { "@/*": ["./*"] } },
    include: ["next-env.d.ts", "**/*.ts", ".next/types/**/*.ts"],
    exclude: ["node_modules"],
  };
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "seatdesk-fingerprint-"));
    write("tsconfig.json", JSON.stringify(tsconfig));
    write("app/page.tsx", "export default function Page() { return null; }\n");
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("does not change when next build adds another build folder's types to tsconfig.json and reformats it", () => {
    const before = sourceFingerprint(root);
    const rewritten = {
      ...tsconfig,
      include: [...tsconfig.include, ".next-bench/types/**/*.ts", ".next-bench/dev/types/**/*.ts"],
    };
    write("tsconfig.json", JSON.stringify(rewritten, null, 2));
    expect(sourceFingerprint(root)).toBe(before);
  });

  it("changes when tsconfig.json changes what is compiled", () => {
    const before = sourceFingerprint(root);
    write(
      "tsconfig.json",
      JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, paths: { "~/*": ["./*"] } } }),
    );
    expect(sourceFingerprint(root)).not.toBe(before);
  });

  it("changes when a source file changes", () => {
    const before = sourceFingerprint(root);
    write("app/page.tsx", "export default function Page() { return 'changed'; }\n");
    expect(sourceFingerprint(root)).not.toBe(before);
  });
});
