import pg from "pg";
import { closeDb, createDb } from "../../server/db/client";
import { createTicket } from "../../server/tickets/create-ticket";
import { trpcMutation, type SignedInAgent } from "../../scripts/lib/agent-client";
import { runClosedLoop, type ClosedLoopResult } from "./load";
import { trpcQuery } from "./tickets-http";

/*
 * Tickets opened per second by closed-loop clients, each a different end user reporting an
 * incident from the portal: over HTTP (portalTickets.create, the whole app), through the domain
 * function (createTicket: its two statements on pg, prepared), and as bare SQL with `pg`: the one insert a creation
 * comes down to (number from the sequence, due times given), nothing else: the physical limit.
 * Beside them, the ceiling of the stack itself: the same clients calling a signed-in procedure
 * that does no work of its own (me.get: Next's route, tRPC, the session's row checked, as every
 * signed-in call does), so a creation figure can be read against what any request can reach.
 */

type Timing = { warmupMs: number; measureMs: number };
export type Requester = { userId: string };

const title = (n: number) => `Bench: VPN drops every few minutes (${n})`;
const description = "My VPN connection drops every few minutes since this morning and I lose my work in SAP.";

export async function createBare(
  databaseUrl: string,
  deskGroupId: string,
  users: Requester[],
  clients: number,
  timing: Timing,
): Promise<ClosedLoopResult> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
  let n = 0;
  try {
    return await runClosedLoop(
      clients,
      async (c) => {
        await pool.query(
          `insert into "Ticket" ("id", "type", "number", "title", "description", "requesterId", "categoryId",
            "groupId", "assigneeId", "impact", "urgency", "priority", "status",
                               "createdAt", "updatedAt", "responseDueAt", "resolutionDueAt")
         values (gen_random_uuid()::text, 'INCIDENT', nextval('ticket_number_incident'), $1, $2, $3, null, $4,
           null, 3, 2, 'P4', 'NEW', now(), now(), now() + interval '8 hours', now() + interval '50 hours')
         returning "id", "number"`,
          [title(++n), description, users[c]!.userId, deskGroupId],
        );
      },
      { ...timing, cpu: { databaseUrl } },
    );
  } finally {
    await pool.end();
  }
}

export async function createDomain(
  databaseUrl: string,
  users: Requester[],
  clients: number,
  timing: Timing,
): Promise<ClosedLoopResult> {
  const db = createDb(databaseUrl, { max: clients });
  let n = 0;
  try {
    return await runClosedLoop(
      clients,
      async (c) => {
        await createTicket(
          db,
          { id: users[c]!.userId, role: "END_USER", via: "portal" },
          { type: "INCIDENT", title: title(++n), description, impact: 3, urgency: 2 },
        );
      },
      { ...timing, cpu: { databaseUrl } },
    );
  } finally {
    await closeDb(db);
  }
}

export function createHttp(
  app: { databaseUrl: string; pid: number },
  users: SignedInAgent[],
  clients: number,
  timing: Timing,
): Promise<ClosedLoopResult> {
  let n = 0;
  return runClosedLoop(
    clients,
    async (c) => {
      await trpcMutation(users[c]!, "portalTickets.create", {
        type: "INCIDENT",
        title: title(++n),
        description,
        affects: "me",
        howUrgent: "slows-me-down",
      });
    },
    { ...timing, cpu: { databaseUrl: app.databaseUrl, nodePid: app.pid } },
  );
}

export function signedInCallHttp(
  app: { databaseUrl: string; pid: number },
  users: SignedInAgent[],
  clients: number,
  timing: Timing,
): Promise<ClosedLoopResult> {
  return runClosedLoop(
    clients,
    async (c) => {
      await trpcQuery(users[c]!, "me.get", undefined);
    },
    { ...timing, cpu: { databaseUrl: app.databaseUrl, nodePid: app.pid } },
  );
}
