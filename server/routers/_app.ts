import { router } from "../trpc/init";
import { meRouter } from "./me";
import { seatRouter } from "./seat";
import { adminUsersRouter } from "./admin-users";
import { adminGroupsRouter } from "./admin-groups";
import { adminLicensesRouter } from "./admin-licenses";
import { adminSeatsRouter } from "./admin-seats";

export const appRouter = router({
  me: meRouter,
  seat: seatRouter,
  adminUsers: adminUsersRouter,
  adminGroups: adminGroupsRouter,
  adminLicenses: adminLicensesRouter,
  adminSeats: adminSeatsRouter,
});

export type AppRouter = typeof appRouter;
