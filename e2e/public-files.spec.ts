import { test, expect } from "@playwright/test";

/*
 * The files in public/ that the outside world reads without signing in: robots.txt keeps the
 * portal out of search engines, security.txt (RFC 9116) says whom to tell about a vulnerability.
 */

test("robots.txt keeps every page out of search engines", async ({ request }) => {
  const res = await request.get("/robots.txt");
  expect(res.status()).toBe(200);
  const body = await res.text();
  expect(body).toMatch(/^User-agent: \*$/m);
  expect(body).toMatch(/^Disallow: \/$/m);
});

test("security.txt names a contact and an expiry in the future", async ({ request }) => {
  const res = await request.get("/.well-known/security.txt");
  expect(res.status()).toBe(200);
  const body = await res.text();
  expect(body).toMatch(/^Contact: mailto:\S+@\S+$/m);
  const expires = /^Expires: (\S+)$/m.exec(body)?.[1];
  expect(Date.parse(expires ?? "")).toBeGreaterThan(Date.now());
});

test("pages ask search engines not to index them and carry the favicon", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /favicon\.svg/);
  const icon = await page.request.get("/favicon.svg");
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});
