import "./allow-server-only";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { demoDirectory } from "./demo-directory";
import { LOCAL_IDP_CLIENT_ID, LOCAL_IDP_CLIENT_SECRET } from "../../server/identity/sso/local-idp-client";

/*
 * A local OpenID provider (the certified `oidc-provider` package) that knows the demo people, for
 * trying single sign-on on one machine (`npm run idp`) and for the end-to-end tests, which start
 * it on a port of their own (port 0). Its login page is the package's development page: type a
 * demo email (any password); consent is granted at once. Its signing key is a test key made at
 * each start and its cookie secrets are the package's development ones: never use it for anything
 * but trying seatdesk.
 *
 * For the tests of what seatdesk refuses, `tamperIdTokens` rewrites the ID token of the token
 * endpoint's next answers: re-signed with the provider's own key after changing claims (another
 * `iss`, an `exp` in the past, another `nonce`), or with a key the provider never published (a bad
 * signature). `signIdToken` makes such tokens directly (the unit tests of
 * server/identity/sso/failure.ts).
 */

export const IDP_CLIENT_ID = LOCAL_IDP_CLIENT_ID;
export const IDP_CLIENT_SECRET = LOCAL_IDP_CLIENT_SECRET;

export type IdTokenTamper = {
  /** Changes to the claims (a value of undefined removes the claim). */
  claims?: (claims: Record<string, unknown>) => Record<string, unknown>;
  /** Sign with a fresh key the provider never published (same `kid`): a bad signature. */
  wrongKey?: boolean;
};

export type LocalIdp = {
  issuer: string;
  port: number;
  /** Rewrites the ID tokens the token endpoint answers with from now on; null stops it. */
  tamperIdTokens: (tamper: IdTokenTamper | null) => void;
  /** An RS256 ID token with these claims, signed by the provider's key (or, with wrongKey, another). */
  signIdToken: (claims: Record<string, unknown>, options?: { wrongKey?: boolean }) => string;
  stop: () => Promise<void>;
};

/** Test signing key (RS256), made at each start: never a secret worth keeping. */
function testSigningKey() {
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = `seatdesk-test-${crypto.randomBytes(4).toString("hex")}`;
  return { privateKey, kid, jwk: { ...privateKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" } };
}

function signRs256(claims: Record<string, unknown>, kid: string, key: crypto.KeyObject): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${part({ alg: "RS256", typ: "JWT", kid })}.${part(claims)}`;
  return `${input}.${crypto.sign("sha256", Buffer.from(input), key).toString("base64url")}`;
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

export async function startLocalIdp(options: { port?: number; appUrl: string }): Promise<LocalIdp> {
  const { default: Provider } = await import("oidc-provider");
  const directory = demoDirectory();
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://localhost:${port}`;
  const signing = testSigningKey();
  const signIdToken = (claims: Record<string, unknown>, opts: { wrongKey?: boolean } = {}) =>
    signRs256(claims, signing.kid, opts.wrongKey ? testSigningKey().privateKey : signing.privateKey);
  let tamper: IdTokenTamper | null = null;
  const provider = new Provider(issuer, {
    jwks: { keys: [signing.jwk] },
    clients: [
      {
        client_id: IDP_CLIENT_ID,
        client_secret: IDP_CLIENT_SECRET,
        redirect_uris: [`${options.appUrl.replace(/\/$/, "")}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "employee_id", "job_code", "department", "groups", "employee_type"],
    },
    // The claims of the scopes granted go into the ID token, which next-auth reads.
    conformIdTokenClaims: false,
    async findAccount(_ctx, id) {
      const person = directory.get(id.trim().toLowerCase());
      if (!person) return undefined;
      return { accountId: person.email, claims: () => ({ ...person, sub: person.sub, email_verified: true }) };
    },
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session!;
      const clientId = ctx.oidc.client!.clientId;
      const existing = session.grantIdFor(clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: session.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (!tamper || ctx.path !== "/token" || ctx.method !== "POST" || typeof body?.id_token !== "string") return;
    const claims = tamper.claims ? tamper.claims(claimsOf(body.id_token)) : claimsOf(body.id_token);
    body.id_token = signIdToken(claims, { wrongKey: tamper.wrongKey });
  });
  server.on("request", provider.callback());
  return {
    issuer,
    port,
    tamperIdTokens: (next) => {
      tamper = next;
    },
    signIdToken,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
