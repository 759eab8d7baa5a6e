import { expect, test } from "@playwright/test";
import { signInViaApi, signOutViaMenu } from "./support/auth";
import { baseURL } from "./support/trpc";

test.describe("signing in", () => {
  for (const persona of [
    { email: "user0042@acme.test", home: /\/portal$/, heading: /Hello/ },
    { email: "desk01@acme.test", home: /\/console$/, heading: "Queues" },
    { email: "admin@acme.test", home: /\/admin$/, heading: "Overview" },
  ]) {
    test(`${persona.email} lands on their home`, async ({ page }) => {
      await page.goto("/sign-in");
      await page.getByLabel("Email").fill(persona.email);
      await page.getByLabel("Password").fill("seatdesk");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(persona.home);
      await expect(page.getByRole("heading", { level: 1, name: persona.heading })).toBeVisible();
    });
  }

  test("a wrong password shows a message and keeps the email typed", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("user0007@acme.test");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue("user0007@acme.test");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("an empty form is answered beside each field", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address")).toBeVisible();
    await expect(page.getByText("Enter your password")).toBeVisible();
  });

  test("a visitor is sent to sign-in and comes back after", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);
    await page.getByLabel("Email").fill("admin@acme.test");
    await page.getByLabel("Password").fill("seatdesk");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
  });

  test("sign-out ends the session", async ({ page, context }) => {
    await signInViaApi(context, "user0100@acme.test");
    await page.goto("/portal");
    await signOutViaMenu(page);
    await page.goto("/portal");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe("hostile addresses and policies (issue 11)", () => {
  test("a callbackUrl that leaves the app is not followed after sign-in", async ({ page }) => {
    for (const callbackUrl of ["/\\evil.example", "/\t/evil.example"]) {
      await page.context().clearCookies();
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByLabel("Email").fill("user0043@acme.test");
      await page.getByLabel("Password").fill("seatdesk");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/portal$/);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL()).origin);
    }
  });

  test("pages carry a nonce policy without 'unsafe-inline' for scripts, and run without violations", async ({
    page,
  }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const first = await page.goto("/sign-in");
    const csp = first!.headers()["content-security-policy"] ?? "";
    const scripts = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(scripts).not.toContain("'unsafe-inline'");
    const second = await page.goto("/sign-in");
    expect(second!.headers()["content-security-policy"]).not.toBe(csp);
    // The form works, so Next's scripts ran with the nonce.
    await page.getByLabel("Email").fill("user0044@acme.test");
    await page.getByLabel("Password").fill("seatdesk");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/portal$/);
    expect(violations).toEqual([]);
  });
});
