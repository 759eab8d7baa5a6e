import { router } from "../trpc/init";
import { meRouter } from "./me";
import { seatRouter } from "./seat";
import { adminUsersRouter } from "./admin-users";
import { adminGroupsRouter } from "./admin-groups";
import { adminLicensesRouter } from "./admin-licenses";
import { adminSeatsRouter } from "./admin-seats";
import { adminServiceLevelsRouter } from "./admin-service-levels";
import { adminSeatPricesRouter } from "./admin-seat-prices";
import { portalTicketsRouter } from "./portal-tickets";
import { consoleTicketsRouter } from "./console-tickets";
import { reportsRouter } from "./reports";
import { consoleKnowledgeRouter, portalKnowledgeRouter } from "./knowledge";
import { adminAuditRouter } from "./admin-audit";
import { changesRouter } from "./changes";
import { approvalsRouter } from "./approvals";
import { adminChangesRouter } from "./admin-changes";

export const appRouter = router({
  me: meRouter,
  seat: seatRouter,
  adminUsers: adminUsersRouter,
  adminGroups: adminGroupsRouter,
  adminLicenses: adminLicensesRouter,
  adminSeats: adminSeatsRouter,
  adminServiceLevels: adminServiceLevelsRouter,
  adminSeatPrices: adminSeatPricesRouter,
  adminAudit: adminAuditRouter,
  portalTickets: portalTicketsRouter,
  consoleTickets: consoleTicketsRouter,
  reports: reportsRouter,
  portalKnowledge: portalKnowledgeRouter,
  consoleKnowledge: consoleKnowledgeRouter,
  changes: changesRouter,
  approvals: approvalsRouter,
  adminChanges: adminChangesRouter,
});

export type AppRouter = typeof appRouter;
