/**
 * `npm run test:unit`: Vitest, with an exit code that tells the truth. Vitest 4.1 exits 0 when
 * only a hook (afterAll) fails, although it reports the file as failed; CI must not pass then.
 * So the run also writes its JSON report, and any failed file or test fails this command.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const report = path.join(process.cwd(), ".data", "vitest-report.json");
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });

const result = spawnSync(
  path.join("node_modules", ".bin", "vitest"),
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: "inherit" },
);

let summary: { success?: boolean; numFailedTestSuites?: number; numFailedTests?: number; numTotalTests?: number } = {};
try {
  summary = JSON.parse(fs.readFileSync(report, "utf8"));
} catch {
  console.error("Vitest wrote no report: treating the run as failed.");
  process.exit(result.status || 1);
}
const failedFiles = summary.numFailedTestSuites ?? 0;
const failedTests = summary.numFailedTests ?? 0;
if (result.status !== 0 || summary.success === false || failedFiles > 0 || failedTests > 0) {
  console.error(
    `Unit and integration tests failed: ${failedTests} test(s), ${failedFiles} file(s) (vitest exit ` +
      `code ${result.status}).`,
  );
  process.exit(result.status || 1);
}
if (!summary.numTotalTests) {
  console.error("No test ran.");
  process.exit(1);
}
