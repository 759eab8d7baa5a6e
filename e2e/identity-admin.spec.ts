import { test, expect } from "./support/people";

/*
 * The identity administration pages as an administrator uses them: a license rule previewed (with
 * the over-allocation and its tie-break, and the module license it gives) and discarded, nothing
 * saved; a provisioning connection made, its token used once against SCIM, then revoked.
 */

const ADMIN = "admin@acme.test";

test("license rules: a draft rule is previewed, over-allocation is explained, then discarded", async ({ people }) => {
  const { page } = await people.open(ADMIN, "/admin/license-rules");
  await expect(page.getByRole("heading", { level: 1, name: "License rules" })).toBeVisible();
  await expect(page.getByText("No rules yet")).toBeVisible();
  await expect(page.getByText("Nobody is pinned")).toBeVisible();

  await page.getByRole("button", { name: "Add a rule" }).click();
  await page.getByLabel("Name").fill("HR partners get named seats");
  await page.getByLabel("Job codes").fill("HR-*");
  await page.getByRole("checkbox", { name: "Problem management" }).check();
  await page.getByRole("button", { name: "Preview changes" }).click();
  // The 7 named seats owned are held by the desk, whom no rule decides for.
  await expect(page.getByText("More named seats than are owned")).toBeVisible();
  await expect(page.getByText(/would get none/).first()).toBeVisible();
  await expect(page.getByText(/people who hold a named seat now keep it first/).first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Changes" })).toBeVisible();
  // The module license the rule gives too: what the license file grants, and who would get none.
  await expect(
    page.getByText(/More Problem management licenses than the license file grants|Problem management: the rules give/),
  ).toBeVisible();

  await page.getByLabel("And the license").selectOption("NONE");
  await expect(page.getByText("You changed the rules since this preview")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save and apply to everyone" })).toBeDisabled();
  await page.getByRole("button", { name: "Discard edits" }).click();
  await expect(page.getByText("No rules yet")).toBeVisible();
});

test("provisioning: a connection's token is shown once, works against SCIM, and is refused once revoked", async ({
  people,
}) => {
  const { page } = await people.open(ADMIN, "/admin/provisioning");
  await page.getByLabel("Name").fill("Okta e2e");
  await page.getByRole("button", { name: "Make a connection" }).click();
  const token = (await page.getByLabel("Token").textContent())!.trim();
  expect(token).toMatch(/^scim_/);
  const config = (t: string) =>
    page.request.get("/api/scim/v2/ServiceProviderConfig", { headers: { Authorization: `Bearer ${t}` } });
  expect((await config(token)).status()).toBe(200);

  await page.getByRole("button", { name: "Revoke Okta e2e" }).click();
  await page.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByText(/^Revoked /).first()).toBeVisible();
  expect((await config(token)).status()).toBe(401);
});
