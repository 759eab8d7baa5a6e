import { baseProcedure } from "./init";
import { requireRole, requireSession, requireSessionOrMfaEnrolment } from "./middleware/require-role";
import { checkoutOnSessionStart, requireSeat } from "./middleware/seat";
import { auditAdminChanges } from "./middleware/audit";

/*
 * Who may call what, built in steps (public -> signed in -> role -> seat):
 * - publicProcedure: anyone;
 * - protectedProcedure: anyone signed in (end users, agents, admins);
 * - portalProcedure: the self-service portal: anyone who may raise a ticket (end users, and agents
 *   and admins for their own), never a report viewer; never a seat;
 * - agentProcedure: agents and admins, reading the console; needs no seat (read-only console);
 * - seatedProcedure: agents and admins changing tickets; needs a live seat lease;
 * - adminProcedure: administrators; administration never consumes a seat; every change it makes
 *   is kept in the audit log;
 * - reportProcedure: administrators and report viewers, reading reports; never a seat;
 * - mfaEnrolmentProcedure: anyone signed in, including a session the MFA policy limits to setting
 *   up its second factor (the only procedures such a session may call).
 */
export const publicProcedure = baseProcedure;
export const protectedProcedure = baseProcedure.use(requireSession);
export const portalProcedure = protectedProcedure.use(requireRole("END_USER", "AGENT", "ADMIN"));
export const agentProcedure = protectedProcedure.use(requireRole("AGENT", "ADMIN")).use(checkoutOnSessionStart);
export const seatedProcedure = agentProcedure.use(requireSeat);
export const adminProcedure = protectedProcedure.use(requireRole("ADMIN")).use(auditAdminChanges);
export const reportProcedure = protectedProcedure.use(requireRole("ADMIN", "REPORT_VIEWER"));
export const mfaEnrolmentProcedure = baseProcedure.use(requireSessionOrMfaEnrolment);
