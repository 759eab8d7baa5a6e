import { TRPCError } from "@trpc/server";
import { middleware } from "../init";
import type { Role } from "../../db/generated/enums";
import type { ValidSession } from "../../auth/auth-sessions";

/** Signed in, with a session the server still considers valid; narrows ctx.session. */
export const requireSession = middleware(({ ctx, next }) => {
  if (!ctx.session)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue: your session has ended." });
  return next({ ctx: { ...ctx, session: ctx.session as ValidSession } });
});

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
