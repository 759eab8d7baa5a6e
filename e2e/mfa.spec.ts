import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { sql } from "./support/db";
import { DEMO_PASSWORD, signOutViaMenu } from "./support/auth";
import { STEP_SECONDS, totp } from "../lib/totp";

/*
 * Two-step sign-in, as an administrator lives it: enrol from Account security (the code computed
 * here with the same RFC 6238 function as the server), sign out, sign in with password and code.
 * An administrator of its own, so the other specs keep signing admin@acme.test in with a password.
 */
const email = `mfa-admin-${randomBytes(3).toString("hex")}@acme.test`;

test.beforeAll(async () => {
  await sql(
    `insert into "User" (id, email, name, role, "passwordHash", "updatedAt")
     select $1, $2, 'Morgan Factor', 'ADMIN', "passwordHash", now() from "User" where email = 'admin@acme.test'`,
    [`e2e-${email}`, email],
  );
});

async function typeCredentials(page: import("@playwright/test").Page) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an administrator enrols, then signs in with password and code; a wrong code keeps the email", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await typeCredentials(page);
  await expect(page).toHaveURL(/\/admin$/);

  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: "Account security" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account security" })).toBeVisible();
  await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
  const secret = (await page.getByTestId("totp-key").innerText()).replace(/\s/g, "");
  await expect(page.getByTestId("otpauth-uri")).toContainText(`secret=${secret}`);
  // The QR code beside the typed key: an image with its label, drawn (it has a size), an SVG.
  const qr = page.getByRole("img", { name: /QR code for your authenticator app/ });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);

  // A wrong first code is refused beside the field; the right one turns it on.
  await page.getByLabel("Code from your app").fill("12");
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByText("Type the 6-digit code your app shows")).toBeVisible();
  await page.getByLabel("Code from your app").fill(totp(secret, Date.now() / 1000));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByRole("heading", { name: "Two-step sign-in is on" })).toBeVisible();

  await signOutViaMenu(page);
  await typeCredentials(page);
  const codeField = page.getByLabel(/Code from your authenticator app/);
  await expect(codeField).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Type the code from your authenticator app" })).toBeVisible();

  // A code from an hour ago: wrong. The message shows, the email stays, no one is signed in.
  await codeField.fill(totp(secret, Date.now() / 1000 - 3600));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code is not right" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page).toHaveURL(/\/sign-in/);

  // The next step's code (the enrolment used the current one, which cannot be replayed).
  await codeField.fill(totp(secret, Date.now() / 1000 + STEP_SECONDS));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});
