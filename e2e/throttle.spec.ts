import { expect, test, type APIRequestContext } from "@playwright/test";
import { baseURL } from "./support/trpc";

/*
 * Repeated wrong passwords for one email slow it down (server/auth/sign-in-throttle.ts): the
 * first 5 attempts are checked, then each further one has to wait 1 s, 2 s, 4 s … (a growing
 * delay, not a hard lock). Its own end user, so no other spec is slowed.
 */
const EMAIL = "user1499@acme.test";

function signInOverApi(request: APIRequestContext, email: string, password: string) {
  return request.get("/api/auth/csrf").then(async (csrf) => {
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    return request.post("/api/auth/callback/credentials", {
      form: { email, password, csrfToken, json: "true" },
      headers: { Origin: baseURL() },
    });
  });
}

/** One wrong password that is checked: a 429 is waited out (Retry-After) and the guess sent again. */
async function checkedWrongGuess(request: APIRequestContext, n: number) {
  for (;;) {
    const res = await signInOverApi(request, EMAIL, `wrong-${n}`);
    if (res.status() === 429) {
      await new Promise((r) => setTimeout(r, Number(res.headers()["retry-after"]) * 1000 + 100));
      continue;
    }
    expect(((await res.json()) as { url?: string }).url ?? "", `guess ${n}`).toContain("error=CredentialsSignin");
    return;
  }
}

test(
  "after repeated wrong passwords the email waits: 429 with Retry-After, the form says how long, then " +
    "it works again",
  async ({ page, request }) => {
    test.setTimeout(90_000);
    // 5 guesses are checked freely; the 6th waited 1 s, the 7th 2 s; after it, the next waits 4 s.
    for (let n = 1; n <= 6; n++) await checkedWrongGuess(request, n);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByLabel("Password").fill("seatdesk");
    await checkedWrongGuess(request, 7);

    // Even the right password, through the form, has to wait.
    const answer = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
    await page.getByRole("button", { name: "Sign in" }).click();
    const response = await answer;
    expect(response.status()).toBe(429);
    const retryAfter = Number(response.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(4);
    await expect(page.getByRole("alert").filter({ hasText: "Too many" })).toHaveText(
      /^Too many failed sign-ins for this email\. Try again in [1-4] seconds?\.$/,
    );
    await expect(page.getByLabel("Email")).toHaveValue(EMAIL);
    await expect(page).toHaveURL(/\/sign-in/);

    // Other people are not slowed by it.
    const other = await signInOverApi(request, "user1498@acme.test", "seatdesk");
    expect(other.status()).toBe(200);
    expect(((await other.json()) as { url?: string }).url ?? "").not.toContain("error=");

    // Not a lock: once the delay has passed, the owner signs in with what is still in the form.
    await page.waitForTimeout(retryAfter * 1000 + 300);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/portal/);
  },
);
