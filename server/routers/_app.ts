import { router } from "../trpc/init";
import { meRouter } from "./me";
import { seatRouter } from "./seat";

export const appRouter = router({
  me: meRouter,
  seat: seatRouter,
});

export type AppRouter = typeof appRouter;
