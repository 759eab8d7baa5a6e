import { protectedProcedure } from "../trpc/procedures";
import { router } from "../trpc/init";
import { homeFor } from "../auth/home";

export const meRouter = router({
  /** Who is signed in, and where their home is. */
  get: protectedProcedure.query(({ ctx }) => ({ ...ctx.session.user, home: homeFor(ctx.session.user.role) })),
});
