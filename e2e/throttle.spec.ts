import { expect, test } from "@playwright/test";
import { baseURL } from "./support/trpc";

/*
 * Repeated wrong passwords for one email slow it down (server/auth/sign-in-throttle.ts): the
 * first 5 attempts are checked, then each further one waits 1 s, 2 s, 4 s … (a growing delay,
 * not a hard lock). Its own end user, so no other spec is slowed.
 */
const EMAIL = "user1499@acme.test";

async function signInOverApi(request: import("@playwright/test").APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true" },
    headers: { Origin: baseURL() },
  });
}

test("after 5 wrong passwords the email waits: 429 with Retry-After, the form says how long, then it works again", async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  for (let attempt = 1; attempt <= 5; attempt++) {
    const res = await signInOverApi(request, EMAIL, `wrong-${attempt}`);
    expect(res.status(), `attempt ${attempt}`).not.toBe(429);
    expect(((await res.json()) as { url?: string }).url ?? "", `attempt ${attempt}`).toContain(
      "error=CredentialsSignin",
    );
  }

  // The 6th attempt, through the form and with the right password, has to wait all the same.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill("seatdesk");
  const answer = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  const response = await answer;
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole("alert").filter({ hasText: "Too many" })).toHaveText(
    /^Too many failed sign-ins for this email\. Try again in [12] seconds?\.$/,
  );
  await expect(page.getByLabel("Email")).toHaveValue(EMAIL);
  await expect(page).toHaveURL(/\/sign-in/);

  // Other people are not slowed by it.
  const other = await signInOverApi(request, "user1498@acme.test", "seatdesk");
  expect(other.status()).toBe(200);
  expect(((await other.json()) as { url?: string }).url ?? "").not.toContain("error=");

  // Not a lock: once the delay has passed, the owner signs in.
  await page.waitForTimeout(2_500);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/portal/);
});
