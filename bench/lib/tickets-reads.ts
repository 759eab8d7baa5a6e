import { closeDb, createDb, type Db } from "../../server/db/client";
import { countQueues, listMyTickets, listQueue } from "../../server/tickets/list-tickets";
import { getConsoleTicket } from "../../server/tickets/console-view";
import type { TicketViewer } from "../../server/tickets/actor";
import type { ListQueueInput } from "../../lib/validation/tickets";
import type { SignedInAgent } from "../../scripts/lib/agent-client";
import { sequential, trpcQuery, type Series } from "./tickets-http";

/*
 * The reads of the ticket benchmark, each measured one request at a time: over HTTP against the
 * production server on localhost (the round trip: Next, auth, tRPC, the domain, PostgreSQL),
 * and through the same domain function on a Prisma client in this process (what the server
 * spends below the HTTP layer).
 */

export type ReadCase = {
  name: string;
  targetMs: number | null;
  http: (i: number) => Promise<unknown>;
  domain: (db: Db, i: number) => Promise<unknown>;
  /** The domain call whose SQL is explained when the target is missed (i: the slowest call's). */
  explain?: (db: Db, i: number) => Promise<unknown>;
};
export type ReadResult = { name: string; targetMs: number | null; http: Series; domain: Series };

export const SEARCHES = [
  "vpn",
  "printer offline",
  "outlook password",
  "SAP crashes",
  "PRN-BER-204",
  "0x80070005",
  "laptop battery",
  "phishing",
  "new laptop",
  "shared mailbox",
];

export type ReadCast = {
  agent: SignedInAgent;
  agentViewer: TicketViewer;
  requesters: SignedInAgent[];
  refs: string[];
};

const queue = (input: ListQueueInput) => ({ limit: 25, sort: "updated" as const, ...input });

export function readCases(
  cast: ReadCast,
  targets: { queueMs: number; searchMs: number; portalMs: number },
): ReadCase[] {
  const { agent, agentViewer, requesters, refs } = cast;
  const q = (input: ListQueueInput) => ({
    http: () => trpcQuery(agent, "consoleTickets.queue", queue(input)),
    domain: (db: Db) => listQueue(db, agentViewer, queue(input)),
    explain: (db: Db) => listQueue(db, agentViewer, queue(input)),
  });
  const search = (i: number) => queue({ view: "all", search: SEARCHES[i % SEARCHES.length] });
  const requester = (i: number) => requesters[i % requesters.length]!;
  return [
    { name: "console queue, first page (My work)", targetMs: targets.queueMs, ...q({ view: "mine" }) },
    { name: "console queue, first page (Open)", targetMs: targets.queueMs, ...q({ view: "open" }) },
    {
      name: "console queue, first page (My groups, unassigned)",
      targetMs: targets.queueMs,
      ...q({ view: "my-groups-unassigned" }),
    },
    {
      name: "console queue tab counts (5 counts)",
      targetMs: null,
      http: () => trpcQuery(agent, "consoleTickets.counts", {}),
      domain: (db) => countQueues(db, agentViewer, {}),
      explain: (db) => countQueues(db, agentViewer, {}),
    },
    {
      name: `full-text search, all tickets (${SEARCHES.length} terms)`,
      targetMs: targets.searchMs,
      http: (i) => trpcQuery(agent, "consoleTickets.queue", search(i)),
      domain: (db, i) => listQueue(db, agentViewer, search(i)),
      explain: (db, i) => listQueue(db, agentViewer, search(i)),
    },
    {
      name: "portal: my tickets, first page",
      targetMs: targets.portalMs,
      http: (i) => trpcQuery(requester(i), "portalTickets.list", { limit: 25 }),
      domain: (db, i) => listMyTickets(db, { id: requester(i).userId, role: "END_USER" }, { limit: 25 }),
      explain: (db, i) => listMyTickets(db, { id: requester(i).userId, role: "END_USER" }, { limit: 25 }),
    },
    {
      name: "console: open a ticket",
      targetMs: null,
      http: (i) => trpcQuery(agent, "consoleTickets.get", { ref: refs[i % refs.length] }),
      domain: (db, i) => getConsoleTicket(db, agentViewer, refs[i % refs.length]!),
      explain: (db, i) => getConsoleTicket(db, agentViewer, refs[i % refs.length]!),
    },
  ];
}

export async function measureReads(
  databaseUrl: string,
  cases: ReadCase[],
  samples: number,
  log: (line: string) => void,
): Promise<ReadResult[]> {
  const db = createDb(databaseUrl, { max: 2 });
  const out: ReadResult[] = [];
  try {
    for (const c of cases) {
      log(`  ${c.name}: ${samples} over HTTP, ${samples} through the domain…`);
      const http = await sequential(samples, c.http);
      const domain = await sequential(samples, (i) => c.domain(db, i));
      out.push({ name: c.name, targetMs: c.targetMs, http, domain });
    }
  } finally {
    await closeDb(db);
  }
  return out;
}
