import { router } from "../trpc/init";
import { meRouter } from "./me";
import { seatRouter } from "./seat";
import { adminLicensesRouter } from "./admin-licenses";

export const appRouter = router({
  me: meRouter,
  seat: seatRouter,
  adminLicenses: adminLicensesRouter,
});

export type AppRouter = typeof appRouter;
