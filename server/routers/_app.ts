import "server-only";
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
import { adminLicenseRulesRouter } from "./admin-license-rules";
import { adminProvisioningRouter } from "./admin-provisioning";
import { adminMailRouter } from "./admin-mail";
import { portalMailSettingsRouter } from "./portal-mail-settings";
import { accountRouter } from "./account";
import { adminApiAccountsRouter } from "./admin-api-accounts";
import { apiV1Router } from "./api-v1";
import { reportsApiRouter } from "./reports-api";
import { adminWebhooksRouter } from "./admin-webhooks";
import { changesRouter } from "./changes";
import { problemsRouter } from "./problems";
import { approvalsRouter } from "./approvals";
import { adminChangesRouter } from "./admin-changes";
import { mfaRouter } from "./mfa";
import { adminMfaRouter } from "./admin-mfa";

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
  adminLicenseRules: adminLicenseRulesRouter,
  adminProvisioning: adminProvisioningRouter,
  adminMail: adminMailRouter,
  portalTickets: portalTicketsRouter,
  consoleTickets: consoleTicketsRouter,
  reports: reportsRouter,
  portalKnowledge: portalKnowledgeRouter,
  consoleKnowledge: consoleKnowledgeRouter,
  portalMailSettings: portalMailSettingsRouter,
  account: accountRouter,
  adminApiAccounts: adminApiAccountsRouter,
  api: apiV1Router,
  reportsApi: reportsApiRouter,
  adminWebhooks: adminWebhooksRouter,
  changes: changesRouter,
  approvals: approvalsRouter,
  adminChanges: adminChangesRouter,
  mfa: mfaRouter,
  adminMfa: adminMfaRouter,
  problems: problemsRouter,
});

export type AppRouter = typeof appRouter;
