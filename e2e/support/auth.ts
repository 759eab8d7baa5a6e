import type { BrowserContext, Page } from "@playwright/test";

export const DEMO_PASSWORD = "seatdesk";

/** Signs in through the API (csrf token, then the credentials callback), not by typing. */
export async function signInViaApi(context: BrowserContext, email: string, password = DEMO_PASSWORD): Promise<void> {
  const request = context.request;
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3100";
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true" },
    headers: { Origin: baseURL },
  });
  if (!res.ok()) throw new Error(`Sign-in of ${email} failed with ${res.status()}`);
  const body = (await res.json()) as { url?: string };
  if (body.url?.includes("error=")) throw new Error(`Sign-in of ${email} refused: ${body.url}`);
}

/** Signs out through the user menu, as a person would. */
export async function signOutViaMenu(page: Page): Promise<void> {
  await page.getByRole("button", { name: /account menu/i }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
}
