import { expect, test } from "@playwright/test";
import { baseURL } from "./support/trpc";

/*
 * Repeated wrong passwords for one email lock it (server/auth/sign-in-throttle.ts: 10 failures,
 * then 15 minutes). Its own end user, so no other spec is locked out.
 */
const EMAIL = "user1499@acme.test";

test("after 10 wrong passwords the email is locked: 429, and the form says for how long", async ({ page, request }) => {
  // Failures from the third on are slowed down (up to 4 s each): about 20 s for the ten.
  test.setTimeout(120_000);
  for (let attempt = 1; attempt <= 10; attempt++) {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await request.post("/api/auth/callback/credentials", {
      form: { email: EMAIL, password: `wrong-${attempt}`, csrfToken, json: "true" },
      headers: { Origin: baseURL() },
    });
    expect(res.status(), `attempt ${attempt}`).not.toBe(429);
    expect(((await res.json()) as { url?: string }).url ?? "", `attempt ${attempt}`).toContain(
      "error=CredentialsSignin",
    );
  }

  // The 11th attempt, through the form and with the right password, is refused all the same.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill("seatdesk");
  const answer = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  const response = await answer;
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThan(60);
  await expect(page.getByRole("alert").filter({ hasText: "Too many" })).toHaveText(
    /^Too many failed sign-ins for this email\. Try again in 1[45] minutes\.$/,
  );
  await expect(page.getByLabel("Email")).toHaveValue(EMAIL);
  await expect(page).toHaveURL(/\/sign-in/);

  // Other people are not locked out by it.
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const other = await request.post("/api/auth/callback/credentials", {
    form: { email: "user1498@acme.test", password: "seatdesk", csrfToken, json: "true" },
    headers: { Origin: baseURL() },
  });
  expect(other.status()).toBe(200);
  expect(((await other.json()) as { url?: string }).url ?? "").not.toContain("error=");
});
