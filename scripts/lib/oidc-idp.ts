import "./allow-server-only";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { demoDirectory } from "./demo-directory";
import { LOCAL_IDP_CLIENT_ID, LOCAL_IDP_CLIENT_SECRET } from "../../server/identity/sso/local-idp-client";

/*
 * A local OpenID provider (the certified `oidc-provider` package) that knows the demo people, for
 * trying single sign-on on one machine (`npm run idp`) and for the end-to-end tests, which start
 * it on a port of their own (port 0). Its login page is the package's development page: type a
 * demo email (any password); consent is granted at once. Its keys and cookie secrets are the
 * package's development ones: never use it for anything but trying seatdesk.
 */

export const IDP_CLIENT_ID = LOCAL_IDP_CLIENT_ID;
export const IDP_CLIENT_SECRET = LOCAL_IDP_CLIENT_SECRET;

export type LocalIdp = { issuer: string; port: number; stop: () => Promise<void> };

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
  const provider = new Provider(issuer, {
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
  server.on("request", provider.callback());
  return {
    issuer,
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
