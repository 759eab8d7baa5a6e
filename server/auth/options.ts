import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db/client";
import { env } from "../env";
import { signInWithPassword } from "./credentials";
import { normalizeEmail } from "./email";
import { onSignOut } from "./sign-out";
import type { Role } from "../db/generated/enums";
import { completeSsoSignIn, SSO_PROVIDER_ID, ssoProviders } from "../identity/sso/next-auth";
import { passwordAllowedFor } from "../identity/sso/config";

/** Error codes next-auth passes to the sign-in page as ?error=... */
export const SIGN_IN_ERRORS = {
  CredentialsSignin: "Email or password is incorrect.",
  AccountDisabled: "This account is disabled. Ask your service desk to enable it.",
  Locked: "Too many failed sign-ins. Try again later.",
} as const;

export function buildAuthOptions(): NextAuthOptions {
  return {
    secret: env.NEXTAUTH_SECRET,
    // Credentials sign-in needs JWT sessions; the JWT carries only ids, and every request
    // checks the server-side AuthSession row (server/auth/auth-sessions.ts).
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          // Local passwords may be off for everyone but the break-glass administrators (single sign-on).
          const typedEmail = typeof credentials?.email === "string" ? normalizeEmail(credentials.email) : "";
          if (typedEmail && !passwordAllowedFor(typedEmail)) throw new Error("LocalPasswordsOff");
          // Counted before the password is checked (server/auth/credentials.ts); a refusal's
          // code becomes ?error=… and, at the route, a 429 (app/api/auth/[...nextauth]/route.ts).
          const result = await signInWithPassword(getDb(), credentials, req ?? {}, env.SESSION_MAX_AGE_SECONDS);
          if (result.status === "throttled") throw new Error("Locked");
          if (result.status === "disabled") throw new Error("AccountDisabled");
          return result.status === "signed-in" ? result.user : null;
        },
      }),
      ...ssoProviders(),
    ],
    callbacks: {
      signIn({ user, account, profile }) {
        return account?.provider === SSO_PROVIDER_ID
          ? completeSsoSignIn(user, profile as Record<string, unknown>)
          : true;
      },
      jwt({ token, user }) {
        if (user) {
          const u = user as { id: string; role: Role; sid: string };
          token.sub = u.id;
          token.role = u.role;
          token.sid = u.sid;
        }
        return token;
      },
      session({ session, token }) {
        // What the browser may know; authorization never trusts it (see server/auth/current-user.ts).
        return { ...session, sid: token.sid, user: { ...session.user, id: token.sub ?? "", role: token.role } };
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await onSignOut(getDb(), { sessionId: String(token.sid), userId: String(token.sub ?? "") });
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
