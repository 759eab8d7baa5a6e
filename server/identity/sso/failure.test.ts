import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Issuer, type BaseClient } from "openid-client";
import { startLocalIdp, type LocalIdp } from "@/scripts/lib/oidc-idp";
import { IDP_CLIENT_ID, IDP_CLIENT_SECRET } from "@/scripts/lib/oidc-idp";
import { SSO_ERRORS } from "@/lib/auth/sso-messages";
import {
  classifySsoFailure,
  noteSsoFailure,
  notedSsoFailure,
  specificSsoRedirect,
  withSsoFailureContext,
  type SsoFailureCode,
} from "./failure";

/*
 * Why a single sign-on failed, from the real errors: openid-client 5 (the version next-auth 4
 * bundles) validating ID tokens that the test provider (oidc-provider, scripts/lib/oidc-idp.ts)
 * signed with wrong claims or a wrong key, next-auth's own state check, and a provider that is not
 * there. Each goes through next-auth's wrapping (OAuthCallbackError) and logger shape, as in the
 * auth route.
 */

// next-auth's package exports map hides its internals; these are the very files its callback runs.
const nextAuthFile = (file: string) =>
  createRequire(import.meta.url)(path.resolve("node_modules/next-auth", file)) as Record<string, unknown>;
const OAuthCallbackError = nextAuthFile("core/errors.js").OAuthCallbackError as new (error: Error) => Error;
const stateCheck = nextAuthFile("core/lib/oauth/checks.js").state as {
  use: (cookies: Record<string, string>, resCookies: unknown[], options: unknown, checks: object) => Promise<void>;
};

let idp: LocalIdp;
let client: BaseClient;

beforeAll(async () => {
  idp = await startLocalIdp({ appUrl: "http://localhost:1" });
  const issuer = await Issuer.discover(`${idp.issuer}/.well-known/openid-configuration`);
  client = new issuer.Client({ client_id: IDP_CLIENT_ID, client_secret: IDP_CLIENT_SECRET });
});
afterAll(() => idp.stop());

const now = () => Math.floor(Date.now() / 1000);
const goodClaims = () => ({
  iss: idp.issuer,
  sub: "EMP-1",
  aud: IDP_CLIENT_ID,
  iat: now(),
  exp: now() + 600,
  nonce: "the-nonce",
});

/** The error openid-client throws for this ID token (nonce expected: "the-nonce"). */
async function validationError(idToken: string): Promise<unknown> {
  // validateIdToken is the method client.callback runs on the token endpoint's ID token (not in the .d.ts).
  const validate = client.validateIdToken as (token: string, nonce: string, returnedBy: string) => Promise<unknown>;
  return validate.call(client, idToken, "the-nonce", "token").then(
    () => null,
    (error: unknown) => error,
  );
}

/** What the route would note for this error, logged as next-auth logs a failed OAuth callback. */
function noted(error: unknown): Promise<SsoFailureCode | null> {
  return withSsoFailureContext(async () => {
    noteSsoFailure({ error: new OAuthCallbackError(error as Error), providerId: "oidc" });
    return notedSsoFailure();
  });
}

describe("openid-client's refusals, classified", () => {
  it("accepts the provider's own token (the baseline the tampered ones differ from)", async () => {
    expect(await validationError(idp.signIdToken(goodClaims()))).toBeNull();
  });

  it("names a wrong issuer", async () => {
    const error = await validationError(idp.signIdToken({ ...goodClaims(), iss: "https://evil.test" }));
    expect(String((error as Error).message)).toMatch(/^unexpected iss value/);
    expect(await noted(error)).toBe("SsoWrongIssuer");
  });

  it("names a bad signature", async () => {
    const error = await validationError(idp.signIdToken(goodClaims(), { wrongKey: true }));
    expect(String((error as Error).message)).toMatch(/^failed to validate JWT signature/);
    expect(await noted(error)).toBe("SsoBadSignature");
  });

  it("names an expired token", async () => {
    const error = await validationError(idp.signIdToken({ ...goodClaims(), iat: now() - 7200, exp: now() - 3600 }));
    expect(String((error as Error).message)).toMatch(/^JWT expired/);
    expect(await noted(error)).toBe("SsoTokenExpired");
  });

  it("says the clocks differ for a token not valid yet (the provider's clock ahead)", async () => {
    const error = await validationError(idp.signIdToken({ ...goodClaims(), iat: now() + 600, nbf: now() + 600 }));
    expect(String((error as Error).message)).toMatch(/^JWT not active yet/);
    expect(await noted(error)).toBe("SsoClockSkew");
  });

  it("names a replayed or foreign nonce", async () => {
    const error = await validationError(idp.signIdToken({ ...goodClaims(), nonce: "another-sign-in" }));
    expect(String((error as Error).message)).toMatch(/^nonce mismatch/);
    expect(await noted(error)).toBe("SsoNonceMismatch");
  });

  it("names a state that differs from the one this browser started with", async () => {
    const error = await client
      .callback("http://localhost:1/api/auth/callback/oidc", { code: "c", state: "a" }, { state: "b" })
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/^state mismatch/);
    expect(await noted(error)).toBe("SsoStateReplayed");
  });

  it("names a callback whose state cookie is gone (replayed, or opened in another browser)", async () => {
    const options = { provider: { id: "oidc", checks: ["state"] }, cookies: { state: { name: "state" } } };
    const error = await stateCheck.use({}, [], options, {}).catch((e: unknown) => e);
    expect(String((error as Error).message)).toBe("State cookie was missing.");
    expect(await noted(error)).toBe("SsoStateReplayed");
  });

  it("names a provider that cannot be reached", async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await Issuer.discover(`http://127.0.0.1:${port}/.well-known/openid-configuration`).catch(
      (e: unknown) => e,
    );
    expect(await noted(error)).toBe("SsoUnreachable");
  });

  it("leaves an unknown failure as next-auth's OAuthCallback", async () => {
    expect(classifySsoFailure("something nobody planned for")).toBeNull();
    expect(await noted(new Error("something nobody planned for"))).toBeNull();
  });

  it("notes nothing outside the route's context", () => {
    noteSsoFailure({ error: new Error("JWT expired, now 2, exp 1") });
    expect(notedSsoFailure()).toBeNull();
  });
});

describe("the redirect the route rewrites", () => {
  it("replaces OAuthCallback with the reason, keeping the rest of the address", () => {
    expect(specificSsoRedirect("http://app.test/api/auth/error?error=OAuthCallback", "SsoWrongIssuer")).toBe(
      "http://app.test/api/auth/error?error=SsoWrongIssuer",
    );
    expect(specificSsoRedirect("/sign-in?error=OAuthCallback&callbackUrl=%2Fportal", "SsoTokenExpired")).toBe(
      "/sign-in?error=SsoTokenExpired&callbackUrl=%2Fportal",
    );
  });

  it("leaves other redirects alone", () => {
    expect(specificSsoRedirect("http://app.test/portal", "SsoWrongIssuer")).toBeNull();
    expect(specificSsoRedirect("http://app.test/api/auth/error?error=SsoDisabled", "SsoWrongIssuer")).toBeNull();
    expect(specificSsoRedirect("http://app.test/api/auth/error?error=OAuthCallback", null)).toBeNull();
  });

  it("has a message for every reason it can name", () => {
    const reasons: SsoFailureCode[] = [
      "SsoWrongIssuer",
      "SsoBadSignature",
      "SsoTokenExpired",
      "SsoClockSkew",
      "SsoStateReplayed",
      "SsoNonceMismatch",
      "SsoUnreachable",
      "SsoProviderRefused",
    ];
    for (const reason of reasons) expect(SSO_ERRORS[reason]).toMatch(/\w/);
    expect(SSO_ERRORS.SsoClockSkew).toContain("clock");
  });
});
