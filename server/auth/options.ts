import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db/client";
import { env } from "../env";
import { signInInput } from "@/lib/validation/auth";
import { normalizeEmail } from "./email";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearFailedSignIns, failureDelayMs, recordFailedSignIn, secondsLocked } from "./sign-in-throttle";
import { createAuthSession } from "./auth-sessions";
import { onSignOut } from "./sign-out";
import type { Role } from "../db/generated/enums";
import { completeSsoSignIn, SSO_PROVIDER_ID, ssoProviders } from "../identity/sso/next-auth";
import { passwordAllowedFor } from "../identity/sso/config";

/** Error codes next-auth passes to the sign-in page as ?error=... */
export const SIGN_IN_ERRORS = {
  CredentialsSignin: "Email or password is incorrect.",
  AccountDisabled: "This account is disabled. Ask your service desk to enable it.",
  Locked: "Too many failed sign-ins for this email. Try again later.",
} as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function header(
  req: { headers?: Record<string, string | string[] | undefined> } | undefined,
  name: string,
): string | null {
  const value = req?.headers?.[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

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
          const parsed = signInInput.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          const db = getDb();
          const email = normalizeEmail(parsed.data.email);
          if (!passwordAllowedFor(email)) throw new Error("LocalPasswordsOff");
          if ((await secondsLocked(db, email)) > 0) throw new Error("Locked");
          const user = await db.user.findUnique({
            where: { email },
            select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
          });
          const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), parsed.data.password);
          if (!user || !ok) {
            const failures = await recordFailedSignIn(db, email);
            await sleep(failureDelayMs(failures));
            return null;
          }
          if (!user.active) throw new Error("AccountDisabled");
          await clearFailedSignIns(db, email);
          const sid = await createAuthSession(db, {
            userId: user.id,
            maxAgeSeconds: env.SESSION_MAX_AGE_SECONDS,
            userAgent: header(req, "user-agent"),
            ipAddress: header(req, "x-forwarded-for"),
          });
          return { id: user.id, email: user.email, name: user.name, role: user.role, sid };
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
