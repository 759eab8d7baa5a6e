import "server-only";
import { protectedProcedure } from "../trpc/procedures";
import { router } from "../trpc/init";
import { homeFor } from "@/lib/auth/roles";
import { moduleLicensesOf } from "../licensing/modules/module-licenses";

export const meRouter = router({
  /** Who is signed in, and where their home is. */
  get: protectedProcedure.query(({ ctx }) => ({ ...ctx.session.user, home: homeFor(ctx.session.user.role) })),
  /** The premium modules they hold an exclusive license for (the console says what they lack). */
  moduleLicenses: protectedProcedure.query(({ ctx }) => moduleLicensesOf(ctx.db, ctx.session.user.id)),
});
