import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/*
 * Browser tests run against a production build with its own database and port, started by
 * scripts/e2e.ts (`npm run test:e2e`), which sets E2E_BASE_URL. Debian's Chromium is used where
 * it exists (or PLAYWRIGHT_CHROMIUM_PATH), else Playwright's own browser.
 */
const chromiumPath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  // The specs share one demo organisation and its 4-seat pool: one worker keeps seat counts exact.
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3100",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
});
