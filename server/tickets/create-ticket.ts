import "server-only";
import { randomUUID } from "node:crypto";
import { assertMayWorkTicketType } from "../licensing/modules/ticket-modules";
import type { DbOrTx } from "../db/transaction";
import { Prisma } from "../db/generated/client";
import { sqlOutsideTransaction } from "../db/sql";
import { mailEventSql } from "../mail/events";
import { AppError } from "../errors";
import {
  createTicketInput,
  formatTicketNumber,
  PORTAL_TICKET_TYPES,
  TICKET_PREFIX,
  type CreateTicketInput,
  type TicketTypeValue,
} from "@/lib/validation/tickets";
import { assertConsoleActor, type TicketActor } from "./actor";
import { requireAssignee, requireCategory, requireGroup, requireRequester } from "./assignment";
import { loadCreationContext } from "./creation-context";
import { creationSettingsGuard, forgetCreationSettings, isStaleSettingsError } from "./creation-settings";
import { isClient } from "../db/client";
import { computeDueTimes } from "./sla/due-times";
import { loadCalendar } from "./sla/load-calendar";
import { openedStampCte, takeAlongside } from "./api-stamp";
import { ticketCreatedOutboxCte } from "../webhooks/outbox";

/** The number series of each type: the sequences of migration 20261125171809_tickets. */
const SEQUENCE: Record<TicketTypeValue, string> = {
  INCIDENT: "ticket_number_incident",
  REQUEST: "ticket_number_request",
  PROBLEM: "ticket_number_problem",
  CHANGE: "ticket_number_change",
  JOB: "ticket_number_job",
};

export type CreatedTicket = { id: string; type: TicketTypeValue; number: number; displayNumber: string };

/**
 * Opens a ticket. From the portal: an incident or a service request, for oneself, no group or
 * assignee. From the console: any type, for anyone, in any group, to any member of it. It starts
 * New in the chosen group, else in the Service Desk (none if the organisation has no such group).
 * The number is taken from the type's sequence inside the insert, so concurrent creations get
 * distinct numbers without a lock (a rolled-back insert leaves a gap, as sequences do).
 */
export async function createTicket(
  db: DbOrTx,
  actor: TicketActor,
  rawInput: CreateTicketInput,
  /** `at`: the database clock as this request already read it (a program's token check). */
  options: { at?: Date } = {},
): Promise<CreatedTicket> {
  assertConsoleActor(actor);
  const input = createTicketInput.parse(rawInput);
  await assertMayWorkTicketType(db, actor, input.type);
  if (actor.via === "portal") {
    if (!(PORTAL_TICKET_TYPES as readonly string[]).includes(input.type)) {
      throw new AppError(
        "BAD_REQUEST",
        "From the portal you can report an incident or ask for a service request.",
        undefined,
        "type",
      );
    }
    if (input.groupId || input.assigneeId)
      throw new AppError(
        "FORBIDDEN",
        "The service desk assigns tickets: leave the group and assignee empty.",
        undefined,
        input.groupId ? "groupId" : "assigneeId",
      );
    if (input.requesterId && input.requesterId !== actor.id)
      throw new AppError("FORBIDDEN", "From the portal you open tickets for yourself only.", undefined, "requesterId");
  }
  const requesterId = input.requesterId ?? actor.id;
  if (requesterId !== actor.id) await requireRequester(db, requesterId);
  // The clock, the priority, its target and the Service Desk: one round trip, or none when the
  // settings come from this process's copy (creation-context.ts); the calendar is cached.
  const loadContext = () => loadCreationContext(db, input.impact, input.urgency, !input.groupId, options.at);
  let context = await loadContext();
  const chosenGroup = input.groupId ? await requireGroup(db, input.groupId) : null;
  const assignee = input.assigneeId
    ? await requireAssignee(db, input.assigneeId, chosenGroup ?? context.serviceDesk)
    : null;
  if (input.categoryId) await requireCategory(db, input.categoryId);
  const calendar = await loadCalendar(db);

  // One statement on `pg` (server/db/sql.ts) unless `db` is a transaction: Prisma's query pipeline
  // cost more CPU than the rest of a portal ticket's creation. The ticket, its webhook outbox rows,
  // the "via" stamp of a program's creation, the mail event and (through the API) the write's
  // ApiAction and audit rows are one insert with data-modifying CTEs: atomic without a BEGIN and
  // a COMMIT of their own, in one round trip.
  const ticketId = randomUUID();
  const alongside = takeAlongside(actor, ticketId);
  let rows: { id: string; number: number }[];
  for (let attempt = 1; ; attempt++) {
    const group = chosenGroup ?? context.serviceDesk;
    const { now, priority } = context;
    // The SLA clocks start at creation: the database clock dates both, the due times follow from it.
    const due = computeDueTimes(now, context.target, calendar);
    const mailEvent = mailEventSql({
      kind: "ticket.created",
      ticketId,
      actorId: actor.id,
      data: { groupId: group?.id ?? null, assigneeId: assignee?.id ?? null },
    });
    const settingsChecked =
      context.settingsVersion === undefined
        ? Prisma.empty
        : Prisma.sql`where ${creationSettingsGuard(context.settingsVersion)}`;
    try {
      rows = await sqlOutsideTransaction(db).rows<{ id: string; number: number }>(Prisma.sql`
    with created as (
    insert into "Ticket" ("id", "type", "number", "title", "description", "requesterId", "categoryId", "groupId",
      "assigneeId", "impact", "urgency", "priority", "status",
                          "createdAt", "updatedAt", "responseDueAt", "resolutionDueAt",
                          "slaResponseMinutes", "slaResolutionMinutes", "slaAroundTheClock")
    values (${ticketId}, ${input.type}::"TicketType", nextval(${SEQUENCE[input.type]}::regclass), ${input.title},
      ${input.description},
            ${requesterId}, ${input.categoryId ?? null}, ${group?.id ?? null}, ${assignee?.id ?? null},
              ${input.impact}, ${input.urgency}, ${priority}::"Priority", 'NEW',
            ${now}, ${now}, ${due.responseDueAt}, ${due.resolutionDueAt},
            ${context.target.responseMinutes}, ${context.target.resolutionMinutes}, ${context.target.aroundTheClock})
    returning "id", "number", "title", "status", "priority", "createdAt")
    ${ticketCreatedOutboxCte("created", TICKET_PREFIX[input.type])}
    ${openedStampCte(actor, "created")}
    , mail as (${mailEvent})
    ${alongside}
    select "id", "number" from created ${settingsChecked}`);
      break;
    } catch (error) {
      // The copy of the settings was stale: nothing was written; read them again and retry.
      if (!isStaleSettingsError(error) || attempt >= 3 || !isClient(db)) throw error;
      forgetCreationSettings(db);
      context = await loadContext();
    }
  }
  const { id, number } = rows[0]!;
  return {
    id,
    type: input.type,
    number: Number(number),
    displayNumber: formatTicketNumber(input.type, Number(number)),
  };
}
