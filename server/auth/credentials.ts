import "server-only";
import type { Db } from "../db/client";
import type { Role } from "../db/generated/enums";
import { signInInput } from "@/lib/validation/auth";
import { normalizeEmail } from "./email";
import { dummyPasswordHash, verifyPassword } from "./password";
import { claimSignInAttempt, recordSuccessfulSignIn, type ThrottleScope } from "./sign-in-throttle";
import { createAuthSession } from "./auth-sessions";
import { clientAddressOf } from "../http/client-address";

/*
 * Sign-in with email and password, next-auth's credentials provider's authorize
 * (server/auth/options.ts). The attempt is counted (and possibly refused) BEFORE the password is
 * checked (server/auth/sign-in-throttle.ts), so a burst of guesses cannot outrun the count.
 */

export type PasswordSignIn =
  | { status: "signed-in"; user: { id: string; email: string; name: string; role: Role; sid: string } }
  | { status: "invalid" }
  | { status: "throttled"; scope: ThrottleScope; retryAfterSeconds: number }
  | { status: "disabled" };

type RequestHeaders = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

export async function signInWithPassword(
  db: Db,
  credentials: unknown,
  request: { headers?: RequestHeaders },
  sessionMaxAgeSeconds: number,
): Promise<PasswordSignIn> {
  const parsed = signInInput.safeParse(credentials ?? {});
  if (!parsed.success) return { status: "invalid" };
  const headers = request.headers ?? {};
  const email = normalizeEmail(parsed.data.email);
  const clientAddress = clientAddressOf(headers);
  const verdict = await claimSignInAttempt(db, { normalizedEmail: email, clientAddress });
  if (!verdict.allowed)
    return { status: "throttled", scope: verdict.scope, retryAfterSeconds: verdict.retryAfterSeconds };
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
  });
  // An unknown email costs the same as a known one (no way to tell them apart by time).
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), parsed.data.password);
  if (!user || !ok) return { status: "invalid" };
  if (!user.active) return { status: "disabled" };
  await recordSuccessfulSignIn(db, { normalizedEmail: email, clientAddress, userId: user.id });
  const sid = await createAuthSession(db, {
    userId: user.id,
    maxAgeSeconds: sessionMaxAgeSeconds,
    userAgent: first(headers["user-agent"]),
    ipAddress: clientAddress,
  });
  return { status: "signed-in", user: { id: user.id, email: user.email, name: user.name, role: user.role, sid } };
}
