import "server-only";
import { TRPCError } from "@trpc/server";
import { middleware } from "../init";
import type { Role } from "../../db/generated/enums";
import type { ValidSession } from "../../auth/auth-sessions";

/**
 * Signed in, with a session the server still considers valid; narrows ctx.session. A session that
 * must first set up two-step sign-in (the MFA policy) passes only with `allowMfaEnrolment`.
 */
function sessionRequired(allowMfaEnrolment: boolean) {
  return middleware(({ ctx, next }) => {
    if (!ctx.session)
      throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue: your session has ended." });
    if (ctx.session.mfaEnrolmentRequired && !allowMfaEnrolment)
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "Set up two-step sign-in first (Account security): your organisation requires it.",
      });
    return next({ ctx: { ...ctx, session: ctx.session as ValidSession } });
  });
}
export const requireSession = sessionRequired(false);
export const requireSessionOrMfaEnrolment = sessionRequired(true);

const ROLE_NAMES: Record<Role, string> = {
  END_USER: "end users",
  AGENT: "agents",
  ADMIN: "administrators",
  REPORT_VIEWER: "report viewers",
};

/** One of the given roles, else FORBIDDEN naming who may. */
export function requireRole(...roles: Role[]) {
  return middleware(({ ctx, next }) => {
    const role = ctx.session?.user.role;
    if (!role || !roles.includes(role)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `This is only for ${roles.map((r) => ROLE_NAMES[r]).join(" and ")}.`,
      });
    }
    return next();
  });
}
