import "server-only";
import type { SqlTarget } from "../../db/sql";
import type { TicketType } from "../../db/generated/enums";
import type { LicenseModule } from "@/lib/validation/license-file";
import type { TicketActor } from "../../tickets/actor";
import { assertModuleLicense } from "./module-licenses";

/**
 * Change and problem tickets are the premium modules' tickets: working one in the console (create,
 * change, comment, escalate) needs the module's license as well as a seat; reading needs neither.
 * A requester replying to their own ticket from the portal works no module. Every ticket write of
 * the console calls this, in its own transaction.
 */
export const MODULE_OF_TICKET_TYPE: Partial<Record<TicketType, LicenseModule>> = {
  CHANGE: "change",
  PROBLEM: "problem",
};

export async function assertMayWorkTicketType(db: SqlTarget, actor: TicketActor, type: TicketType): Promise<void> {
  const premium = MODULE_OF_TICKET_TYPE[type];
  if (premium && actor.via === "console") await assertModuleLicense(db, actor.id, premium);
}
