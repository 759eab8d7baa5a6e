import "server-only";
import type { Role } from "../db/generated/enums";
import { AppError } from "../errors";
import { isAgentRole } from "@/lib/auth/roles";

/**
 * Who reads a ticket: end users see only their own tickets and public replies, agents and
 * administrators see everything (reading needs no seat).
 */
export type TicketViewer = { id: string; role: Role };

/**
 * Who changes a ticket, and through which door. The portal (no seat, portalProcedure) gives
 * everyone, agents included, only a requester's powers over their own tickets. The console
 * (seatedProcedure) gives an agent's powers and needs the AGENT or ADMIN role: so an agent
 * without a seat cannot do agent work through the portal.
 */
export type TicketActor = TicketViewer & {
  via: "portal" | "console";
  /** Set when a program acts for this person through an API account: "via Chat hub for Ana Ruiz, E-10422". */
  stamp?: string;
};

export { isAgentRole } from "@/lib/auth/roles";

/** Throws unless a console actor is an agent or administrator. */
export function assertConsoleActor(actor: TicketActor): void {
  if (actor.via === "console" && !isAgentRole(actor.role)) {
    throw new AppError("FORBIDDEN", "Only agents and administrators work tickets in the console.");
  }
}
