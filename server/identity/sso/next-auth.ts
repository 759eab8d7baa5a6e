import "server-only";
import type { User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getDb } from "../../db/client";
import { env } from "../../env";
import { createAuthSession } from "../../auth/auth-sessions";
import { ssoConfig } from "./config";
import { signInWithClaims, SsoRefusal, type Claims } from "./sign-in";

/*
 * next-auth 4's side of single sign-on: an OpenID Connect provider found by discovery
 * (.well-known/openid-configuration), the authorization code flow with PKCE, state and nonce, the
 * ID token's signature, issuer, audience and expiry checked by openid-client. Then
 * completeSsoSignIn (the signIn callback) finds or creates the person and opens their server-side
 * session row, exactly as a password sign-in does.
 */

export const SSO_PROVIDER_ID = "oidc";

export function ssoProviders(): OAuthConfig<Claims>[] {
  const config = ssoConfig();
  if (!config) return [];
  return [
    {
      id: SSO_PROVIDER_ID,
      name: config.buttonName,
      type: "oauth",
      wellKnown: `${config.issuer}/.well-known/openid-configuration`,
      issuer: config.issuer,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      httpOptions: { timeout: 10_000 },
      profile: (claims) => ({
        id: String(claims.sub),
        email: String(claims.email ?? ""),
        name: String(claims.name ?? ""),
      }),
    },
  ];
}

/** The signIn callback for the provider: false-y answers and thrown codes end on the sign-in page. */
export async function completeSsoSignIn(user: User, claims: Claims | undefined): Promise<boolean> {
  const config = ssoConfig();
  if (!config || !claims) return false;
  try {
    const db = getDb();
    const person = await signInWithClaims(db, config, claims);
    // The provider's own MFA counts for us: its `amr` claim (RFC 8176) is kept with the session.
    const amr = Array.isArray(claims.amr) ? claims.amr.map(String) : [];
    const sid = await createAuthSession(db, { userId: person.id, maxAgeSeconds: env.SESSION_MAX_AGE_SECONDS, amr });
    // next-auth hands this same object to the jwt callback, which keeps only the ids.
    Object.assign(user, { id: person.id, email: person.email, name: person.name, role: person.role, sid });
    return true;
  } catch (error) {
    if (error instanceof SsoRefusal) throw new Error(error.code);
    throw error;
  }
}
