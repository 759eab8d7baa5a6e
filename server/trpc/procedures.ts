import "server-only";
import { baseProcedure } from "./init";
import { requireRole, requireSession, requireSessionOrMfaEnrolment } from "./middleware/require-role";
import { checkoutOnSessionStart, requireSeat } from "./middleware/seat";
import { auditAdminChanges } from "./middleware/audit";
import { actForAgent, actForRequester, requireApiToken } from "./middleware/api";
import type { ApiScopeValue } from "@/lib/validation/api-accounts";
import type { z } from "zod";
import { requireModuleLicense } from "./middleware/module";
import type { LicenseModule } from "@/lib/validation/license-file";
import { AREA_ROLES } from "@/lib/auth/roles";

/*
 * Who may call what, built in steps (public -> signed in -> role -> seat). The roles of each
 * area are lib/auth/roles.ts's, which the area's layout, pages and route handlers read too
 * (server/auth/require-area.ts, server/http/route-gate.ts):
 * - publicProcedure: anyone;
 * - protectedProcedure: anyone signed in (end users, agents, admins);
 * - portalProcedure: the self-service portal: anyone who may raise a ticket (end users, and agents
 *   and admins for their own), never a report viewer; never a seat;
 * - agentProcedure: agents and admins, reading the console; needs no seat (read-only console);
 * - seatedProcedure: agents and admins changing tickets; needs a live seat lease;
 * - moduleProcedure(module): working a premium module (change, problem); a live seat AND the
 *   module's exclusive license (reading the module's tickets is agentProcedure: no license);
 * - adminProcedure: administrators; administration never consumes a seat; every change it makes
 *   is kept in the audit log;
 * - reportProcedure: administrators and report viewers, reading reports; never a seat;
 * - mfaEnrolmentProcedure: anyone signed in, including a session the MFA policy limits to setting
 *   up its second factor (the only procedures such a session may call).
 *
 * The API for programs (/api/v1, server/routers/api-v1.ts), only with an API token (never a
 * browser session, never administration):
 * - apiReadProcedure(scope): reads the token's scope allows;
 * - apiRequesterWrite(input): acting for a requester (On-Behalf-Of), no seat, as in the portal;
 * - apiAgentWrite(input): acting for an agent, with that agent's license and a seat taken for
 *   them as their console would. The input is validated before the person is resolved or a
 *   seat is taken, so bad input changes nothing.
 */
export const publicProcedure = baseProcedure;
export const protectedProcedure = baseProcedure.use(requireSession);
export const portalProcedure = protectedProcedure.use(requireRole(AREA_ROLES.portal));
export const agentProcedure = protectedProcedure.use(requireRole(AREA_ROLES.console)).use(checkoutOnSessionStart);
export const seatedProcedure = agentProcedure.use(requireSeat);
export const moduleProcedure = (module: LicenseModule) => seatedProcedure.use(requireModuleLicense(module));
export const adminProcedure = protectedProcedure.use(requireRole(AREA_ROLES.admin)).use(auditAdminChanges);
export const reportProcedure = protectedProcedure.use(requireRole(AREA_ROLES.reports));

export const apiProcedure = baseProcedure.use(requireApiToken());
export const apiReadProcedure = (scope: ApiScopeValue) => baseProcedure.use(requireApiToken(scope));
export const apiRequesterWrite = <T extends z.ZodType>(input: T) =>
  baseProcedure.use(requireApiToken("ACT_FOR_REQUESTERS")).input(input).use(actForRequester);
export const apiAgentWrite = <T extends z.ZodType>(input: T) =>
  baseProcedure.use(requireApiToken("ACT_FOR_AGENTS")).input(input).use(actForAgent);
export const mfaEnrolmentProcedure = baseProcedure.use(requireSessionOrMfaEnrolment);
