// `npm run lint`: no line of our code is longer than 120 characters. Prettier breaks code at 120
// but leaves long strings, templates and comments as they are; this catches those. Generated
// files and the migrations (written by Prisma, never edited) are not ours to break.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const MAX = 120;
const SKIP = [/^server\/db\/generated\//, /^prisma\/migrations\//, /^next-env\.d\.ts$/];
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => /\.(ts|tsx|mts|js|mjs|css)$/.test(f) && !SKIP.some((re) => re.test(f)));

let long = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // listed by git but deleted in the work tree
  }
  text.split("\n").forEach((line, i) => {
    const length = [...line].length;
    if (length > MAX) {
      long++;
      console.error(`${file}:${i + 1}: ${length} characters (at most ${MAX})`);
    }
  });
}
if (long) {
  console.error(`${long} lines longer than ${MAX} characters: break them (strings and SQL over several lines).`);
  process.exit(1);
}
