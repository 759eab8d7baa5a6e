import "server-only";
import { TRPCError } from "@trpc/server";
import { middleware } from "../init";
import { onlyForMessage, SIGN_IN_MESSAGE, type Role } from "@/lib/auth/roles";
import type { ValidSession } from "../../auth/auth-sessions";

/**
 * Signed in, with a session the server still considers valid; narrows ctx.session. A session that
 * must first set up two-step sign-in (the MFA policy) passes only with `allowMfaEnrolment`.
 */
function sessionRequired(allowMfaEnrolment: boolean) {
  return middleware(({ ctx, next }) => {
    if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: SIGN_IN_MESSAGE });
    if (ctx.session.mfaEnrolmentRequired && !allowMfaEnrolment)
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "Set up two-step sign-in first (Account security): your organisation requires it.",
      });
    return next({ ctx: { session: ctx.session as ValidSession } });
  });
}
export const requireSession = sessionRequired(false);
export const requireSessionOrMfaEnrolment = sessionRequired(true);

/** One of the given roles (an area's, lib/auth/roles.ts), else FORBIDDEN naming who may. */
export function requireRole(roles: readonly Role[]) {
  return middleware(({ ctx, next }) => {
    const role = ctx.session?.user.role;
    if (!role || !roles.includes(role)) throw new TRPCError({ code: "FORBIDDEN", message: onlyForMessage(roles) });
    return next();
  });
}
