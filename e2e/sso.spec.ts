import net from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { startLocalIdp, type IdTokenTamper, type LocalIdp } from "../scripts/lib/oidc-idp";
import { SSO_ERRORS } from "../lib/auth/sso-messages";
import { startAppServer, type AppServer } from "../scripts/lib/app-server";
import { sql } from "./support/db";

/*
 * Single sign-on end to end: a real OpenID provider (oidc-provider, scripts/lib/oidc-idp.ts)
 * started by this test on a port of its own, and an app instance of its own configured for it
 * (the other specs' app keeps its password-only sign-in page), on the e2e database. Playwright
 * drives the provider's login page.
 */

test.describe.configure({ mode: "serial" });

let idp: LocalIdp | null = null;
let app: AppServer | null = null;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  idp = await startLocalIdp({ appUrl: `http://localhost:${port}` });
  app = await startAppServer({
    port,
    databaseUrl: process.env.E2E_DATABASE_URL!,
    quiet: true,
    env: { OIDC_ISSUER: idp.issuer, OIDC_LOCAL_IDP: "1", OIDC_BUTTON_NAME: "Acme ID" },
  });
  // A rule: the IT specialists' job code gives an agent a place in the Specialists pool.
  await sql(
    `insert into "LicenseRule" (id, position, name, "jobCodes", role, license, "poolId", "updatedAt")
     select 'e2e-sso-rule', 1000, 'Specialists by job code', '{IT-SPEC}', 'AGENT', 'CONCURRENT', id, now()
     from "SeatPool" where name = 'Specialists' and "deletedAt" is null`,
  );
});

test.afterAll(async () => {
  await sql(`delete from "LicenseRule" where id = 'e2e-sso-rule'`);
  await app?.stop();
  await idp?.stop();
});

async function signInAtProvider(page: Page, email: string): Promise<void> {
  await page.goto(`${app!.url}/sign-in`);
  await page.getByRole("button", { name: "Sign in with Acme ID" }).click();
  await page.waitForURL(new RegExp(`^${idp!.issuer}/`));
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("first sign-in creates the person as an end user, who lands in the portal", async ({ page }) => {
  await signInAtProvider(page, "newhire2@acme.test");
  await page.waitForURL(`${app!.url}/portal**`);
  const [person] = await sql<{ role: string; externalId: string; jobCode: string }>(
    `select role::text, "externalId", "jobCode" from "User" where email = 'newhire2@acme.test'`,
  );
  expect(person).toEqual({ role: "END_USER", externalId: "EMP-9002", jobCode: "SAL-AE" });
});

test("a qualifying job code gets the license the rules give, and the console opens", async ({ page }) => {
  await signInAtProvider(page, "newhire3@acme.test");
  await page.waitForURL(`${app!.url}/console**`);
  const [person] = await sql<{ role: string; kind: string; pool: string }>(
    `select u.role::text, a.kind::text, p.name as pool from "User" u
     join "SeatAssignment" a on a."userId" = u.id join "SeatPool" p on p.id = a."poolId"
     where u.email = 'newhire3@acme.test'`,
  );
  expect(person).toEqual({ role: "AGENT", kind: "CONCURRENT", pool: "Specialists" });
});

test("the provider's amr claim (how it proved who the person is) is recorded with the session", async ({ page }) => {
  // The test provider says so when asked (as a provider with its own MFA does), in a validly signed ID token.
  idp!.tamperIdTokens({ claims: (c) => ({ ...c, amr: ["pwd", "otp", "mfa"] }) });
  try {
    await signInAtProvider(page, "user0045@acme.test");
    await page.waitForURL(`${app!.url}/portal**`);
  } finally {
    idp!.tamperIdTokens(null);
  }
  const [session] = await sql<{ amr: string[] }>(
    `select s.amr from "AuthSession" s join "User" u on u.id = s."userId"
     where u.email = 'user0045@acme.test' order by s."createdAt" desc limit 1`,
  );
  expect(session?.amr).toEqual(["pwd", "otp", "mfa"]);
});

test("a disabled person ends on the sign-in page with a message", async ({ page }) => {
  await sql(`update "User" set active = false where email = 'user0042@acme.test'`);
  try {
    await signInAtProvider(page, "user0042@acme.test");
    await page.waitForURL(`${app!.url}/sign-in**`);
    await expect(page.locator("#sso-error")).toContainText("This account is disabled");
  } finally {
    await sql(`update "User" set active = true where email = 'user0042@acme.test'`);
  }
});

test("a replayed callback (its state already used) ends on the sign-in page with a message", async ({
  page,
  browser,
}) => {
  let callback: string | null = null;
  page.on("request", (r) => {
    if (r.url().startsWith(`${app!.url}/api/auth/callback/oidc`)) callback = r.url();
  });
  await signInAtProvider(page, "user0043@acme.test");
  await page.waitForURL(`${app!.url}/portal**`);
  expect(callback).not.toBeNull();
  const other = await browser.newPage();
  await other.goto(callback!);
  await other.waitForURL(`${app!.url}/sign-in**`);
  await expect(other.locator("#sso-error")).toContainText(SSO_ERRORS.SsoStateReplayed);
  await other.close();
});

/*
 * What seatdesk refuses in the provider's answer: the test provider's token endpoint answers with
 * an ID token re-signed after a change (scripts/lib/oidc-idp.ts, tamperIdTokens). Each ends on the
 * sign-in page with its own message (server/identity/sso/failure.ts), and nobody is signed in.
 */
const tampered: Array<{ what: string; tamper: IdTokenTamper; code: keyof typeof SSO_ERRORS }> = [
  { what: "a wrong issuer", tamper: { claims: (c) => ({ ...c, iss: "http://evil.test" }) }, code: "SsoWrongIssuer" },
  { what: "a bad signature", tamper: { wrongKey: true }, code: "SsoBadSignature" },
  {
    what: "an expired ID token",
    tamper: { claims: (c) => ({ ...c, iat: Number(c.iat) - 7200, exp: Number(c.iat) - 3600 }) },
    code: "SsoTokenExpired",
  },
  {
    what: "an ID token dated in the future (the provider's clock ahead)",
    tamper: { claims: (c) => ({ ...c, iat: Number(c.iat) + 900, nbf: Number(c.iat) + 900 }) },
    code: "SsoClockSkew",
  },
  {
    what: "a replayed nonce (an ID token of another sign-in)",
    tamper: { claims: (c) => ({ ...c, nonce: "the-nonce-of-another-sign-in" }) },
    code: "SsoNonceMismatch",
  },
];

for (const { what, tamper, code } of tampered) {
  test(`${what} ends on the sign-in page with its message`, async ({ page }) => {
    idp!.tamperIdTokens(tamper);
    try {
      await signInAtProvider(page, "user0044@acme.test");
      await page.waitForURL(new RegExp(`/sign-in\\?(.*&)?error=${code}(&|$)`));
      await expect(page.locator("#sso-error")).toHaveText(SSO_ERRORS[code]);
      const session = await page.request.get(`${app!.url}/api/auth/session`);
      expect(await session.json().catch(() => ({}))).not.toHaveProperty("user");
    } finally {
      idp!.tamperIdTokens(null);
    }
  });
}

test("an unreachable provider ends on the sign-in page with a message", async ({ page }) => {
  await idp!.stop();
  idp = null;
  await page.goto(`${app!.url}/sign-in`);
  await page.getByRole("button", { name: "Sign in with Acme ID" }).click();
  await page.waitForURL(/\/sign-in\?.*error=/);
  await expect(page.locator("#sso-error")).toContainText(SSO_ERRORS.OAuthSignin);
});
