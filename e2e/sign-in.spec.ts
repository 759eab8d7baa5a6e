import { expect, test } from "@playwright/test";
import { signInViaApi, signOutViaMenu } from "./support/auth";

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
