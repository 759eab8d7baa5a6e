import { test, expect } from "./support/people";
import { openLeaseOf } from "./support/seats";
import { baseURL, trpcErrorMessage, trpcMutation, trpcQuery } from "./support/trpc";

/*
 * Who may open what: areas answer the wrong role with a clear page (not a crash, not a blank),
 * procedures answer 403 with a readable message, cross-site writes are refused, and every page
 * carries the security headers.
 */

test.describe("areas and roles", () => {
  for (const { who, email, area, home } of [
    { who: "an end user", email: "user0201@acme.test", area: "/console", home: "/portal" },
    { who: "an end user", email: "user0201@acme.test", area: "/admin", home: "/portal" },
    { who: "an agent", email: "desk03@acme.test", area: "/admin", home: "/console" },
  ]) {
    test(`${who} who opens ${area} is told it is not for them, with a way home`, async ({ people }) => {
      const { page } = await people.open(email, "/portal");
      const pageErrors: Error[] = [];
      page.on("pageerror", (e) => pageErrors.push(e));
      const response = await page.goto(area);
      expect(response?.status()).toBeLessThan(500);
      await expect(page).toHaveURL(new RegExp(`${area}$`));
      await expect(page.getByRole("heading", { level: 1, name: "This page is not for you" })).toBeVisible();
      await expect(page.getByText(`You are signed in as`)).toContainText(email);
      const home_ = page.getByRole("link", { name: "Go to your home page" });
      await expect(home_).toHaveAttribute("href", home);
      if (home === "/portal") {
        await home_.click();
        await expect(page).toHaveURL(/\/portal$/);
        await expect(page.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible();
      }
      expect(pageErrors).toEqual([]);
    });
  }
});

test.describe("procedures check the role on the server", () => {
  test("an end user's calls to agent procedures get 403 with a readable message", async ({ people }) => {
    const { context } = await people.open("user0202@acme.test", "/portal");
    const status = await trpcQuery(context.request, "seat.status");
    expect(status.status()).toBe(403);
    expect(await trpcErrorMessage(status)).toBe("This is only for agents and administrators.");

    const checkout = await trpcMutation(context.request, "seat.checkout");
    expect(checkout.status()).toBe(403);
    expect(await trpcErrorMessage(checkout)).toBe("This is only for agents and administrators.");
  });

  test("end users and agents calling an administrator procedure get 403", async ({ people }) => {
    for (const email of ["user0203@acme.test", "desk04@acme.test"]) {
      const { context } = await people.open(email, "/");
      const res = await trpcQuery(context.request, "adminLicenses.entitlement");
      expect(res.status(), email).toBe(403);
      expect(await trpcErrorMessage(res)).toBe("This is only for administrators.");
    }
  });

  test("a signed-out caller gets 401 asking to sign in", async ({ request }) => {
    const res = await trpcQuery(request, "seat.status");
    expect(res.status()).toBe(401);
    expect(await trpcErrorMessage(res)).toMatch(/Sign in to continue/);
  });
});

test.describe("cross-site requests", () => {
  test("a POST from another origin is refused with 403, even with a valid session", async ({ people }) => {
    const { context, page } = await people.open("desk05@acme.test", "/console");
    await expect(page.getByTestId("seat-indicator")).toHaveText("Named seat");
    const evil = await trpcMutation(context.request, "seat.release", null, { Origin: "http://evil.example" });
    expect(evil.status()).toBe(403);
    expect(((await evil.json()) as { message: string }).message).toMatch(/Cross-site request refused/);
    expect(await openLeaseOf("desk05@acme.test"), "the refused release must not have ended the seat").not.toBeNull();
    // The same call from seatdesk's own origin is accepted: the origin alone made the difference.
    const own = await trpcMutation(context.request, "seat.heartbeat", { active: false }, { Origin: baseURL() });
    expect(own.status()).toBe(200);
  });

  test("a cross-site sign-in attempt is refused too", async ({ request }) => {
    const res = await request.post("/api/auth/callback/credentials", {
      form: { email: "user0204@acme.test", password: "seatdesk", csrfToken: "x", json: "true" },
      headers: { Origin: "http://evil.example" },
    });
    expect(res.status()).toBe(403);
  });
});

test.describe("security headers", () => {
  for (const { path, email } of [
    { path: "/sign-in", email: null },
    { path: "/portal", email: "user0205@acme.test" },
    { path: "/console", email: "desk06@acme.test" },
  ]) {
    test(`${path} carries them`, async ({ people, page: visitorPage }) => {
      const page = email ? (await people.open(email, "/")).page : visitorPage;
      const response = await page.goto(path);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      const headers = response!.headers();
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      const csp = headers["content-security-policy"] ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(headers["x-powered-by"]).toBeUndefined();
    });
  }

  test("API responses carry them as well", async ({ request }) => {
    const res = await request.get("/api/auth/csrf");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["x-frame-options"]).toBe("DENY");
  });
});
