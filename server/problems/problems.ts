import "server-only";
import type { TicketStatus } from "../db/generated/enums";
import { inTransaction, type DbOrTx, type Tx } from "../db/transaction";
import { AppError } from "../errors";
import { assertMayWorkTicketType } from "../licensing/modules/ticket-modules";
import { createArticle } from "../knowledge/write";
import { recordChangeHistory } from "../changes/records";
import { addComment } from "../tickets/add-comment";
import { updateTicket } from "../tickets/update-ticket";
import { assertConsoleActor, type TicketActor } from "../tickets/actor";
import { displayNumber } from "../tickets/ticket-ref";
import { TEXT_MAX, TITLE_MAX } from "@/lib/validation/tickets";
import {
  PROBLEM_INCIDENTS_SHOWN,
  resolveProblemInput,
  updateProblemInput,
  type ResolveProblemInput,
  type UpdateProblemInput,
} from "@/lib/validation/problems";

/*
 * Problem management (module "problem"): a problem ticket's root cause, workaround and known-error
 * flag, its linked incidents (server/tickets/links.ts) and resolving them together. Reading needs
 * no license; every write here asks assertMayWorkTicketType itself, so any door that calls these
 * functions (tRPC's moduleProcedure("problem"), a future API route) meets the same rule. Incidents
 * are resolved through updateTicket and addComment, so their history, mail and webhooks follow.
 */

/** Statuses in which an incident no longer needs the problem to resolve it. */
const SETTLED: readonly TicketStatus[] = ["RESOLVED", "CLOSED", "CANCELLED"];

export type ProblemView = {
  ticketId: string;
  displayNumber: string;
  status: TicketStatus;
  rootCause: string;
  workaround: string;
  knownError: boolean;
  knownErrorAt: Date | null;
  article: { id: string; title: string; status: string } | null;
  incidents: { id: string; displayNumber: string; title: string; status: TicketStatus; requesterName: string }[];
  /** Linked incidents beyond the ones listed (the first PROBLEM_INCIDENTS_SHOWN, oldest first). */
  moreIncidents: number;
  openIncidents: number;
};

export async function getProblem(db: DbOrTx, ticketId: string): Promise<ProblemView> {
  const ticket = await db.ticket.findUnique({
    where: { id: ticketId },
    select: { id: true, type: true, number: true, status: true },
  });
  if (!ticket) throw new AppError("NOT_FOUND", "This problem was not found.");
  if (ticket.type !== "PROBLEM") throw notAProblem(ticket);
  const incidentWhere = { fromId: ticket.id, to: { type: "INCIDENT" as const } };
  // One after another: db may be a transaction, whose one connection takes one query at a time.
  const record = await db.problemRecord.findUnique({ where: { ticketId } });
  const links = await db.ticketLink.findMany({
    where: incidentWhere,
    orderBy: { to: { number: "asc" } },
    take: PROBLEM_INCIDENTS_SHOWN,
    select: {
      to: {
        select: {
          id: true,
          type: true,
          number: true,
          title: true,
          status: true,
          requester: { select: { name: true } },
        },
      },
    },
  });
  const total = await db.ticketLink.count({ where: incidentWhere });
  const open = await db.ticketLink.count({
    where: { fromId: ticket.id, to: { type: "INCIDENT", status: { notIn: [...SETTLED] } } },
  });
  const article = record?.knowledgeArticleId
    ? await db.knowledgeArticle.findUnique({
        where: { id: record.knowledgeArticleId },
        select: { id: true, title: true, status: true },
      })
    : null;
  return {
    ticketId: ticket.id,
    displayNumber: displayNumber(ticket),
    status: ticket.status,
    rootCause: record?.rootCause ?? "",
    workaround: record?.workaround ?? "",
    knownError: record?.knownError ?? false,
    knownErrorAt: record?.knownErrorAt ?? null,
    article,
    incidents: links.map(({ to }) => ({
      id: to.id,
      displayNumber: displayNumber(to),
      title: to.title,
      status: to.status,
      requesterName: to.requester.name,
    })),
    moreIncidents: Math.max(0, total - links.length),
    openIncidents: open,
  };
}

/**
 * Saves the root cause, workaround and known-error flag. The first time a problem becomes a known
 * error, a knowledge article is drafted from it (a DRAFT an editor reviews before publishing);
 * the record keeps the article, so marking it again later drafts no second one. The problem
 * ticket's row lock makes two agents marking it at once draft one article between them.
 */
export async function updateProblem(
  db: DbOrTx,
  actor: TicketActor,
  rawInput: UpdateProblemInput,
): Promise<{ ticketId: string; draftedArticleId: string | null }> {
  assertConsoleActor(actor);
  const input = updateProblemInput.parse(rawInput);
  return inTransaction(db, async (tx) => {
    const problem = await lockProblem(tx, input.ticketId);
    await assertMayWorkTicketType(tx, actor, "PROBLEM");
    const current = await tx.problemRecord.findUnique({ where: { ticketId: problem.id } });
    const next = {
      rootCause: input.rootCause ?? current?.rootCause ?? "",
      workaround: input.workaround ?? current?.workaround ?? "",
      knownError: input.knownError ?? current?.knownError ?? false,
    };
    const becomesKnownError = next.knownError && !current?.knownError;
    if (becomesKnownError && !next.workaround.trim() && !next.rootCause.trim()) {
      throw new AppError(
        "BAD_REQUEST",
        "Write the workaround or the root cause first: the known error's knowledge article is drafted from them.",
        undefined,
        "knownError",
      );
    }
    let draftedArticleId: string | null = null;
    if (becomesKnownError && !current?.knowledgeArticleId) {
      const article = await createArticle(tx, { id: actor.id }, knownErrorArticle(problem, next));
      draftedArticleId = article.id;
    }
    const data = {
      ...next,
      knownErrorAt: next.knownError ? (current?.knownErrorAt ?? new Date()) : null,
      ...(draftedArticleId ? { knowledgeArticleId: draftedArticleId } : {}),
    };
    await tx.problemRecord.upsert({
      where: { ticketId: problem.id },
      create: { ticketId: problem.id, ...data },
      update: data,
    });
    const lines: { field: string; from?: string | null; to?: string | null }[] = [];
    if (next.rootCause !== (current?.rootCause ?? "")) lines.push({ field: "root cause", to: excerpt(next.rootCause) });
    if (next.workaround !== (current?.workaround ?? ""))
      lines.push({ field: "workaround", to: excerpt(next.workaround) });
    if (next.knownError !== (current?.knownError ?? false))
      lines.push({ field: "known error", from: next.knownError ? "no" : "yes", to: next.knownError ? "yes" : "no" });
    await recordChangeHistory(tx, problem.id, actor.id, lines);
    return { ticketId: problem.id, draftedArticleId };
  });
}

/**
 * Resolves the problem and each linked incident that is still open, with one public note to each
 * incident's requester. Incidents already resolved, closed or cancelled are left alone. All or
 * nothing: one incident that cannot be resolved leaves every ticket as it was, with the reason.
 */
export async function resolveProblem(
  db: DbOrTx,
  actor: TicketActor,
  rawInput: ResolveProblemInput,
): Promise<{ resolvedIncidents: string[]; leftAlone: number }> {
  assertConsoleActor(actor);
  const input = resolveProblemInput.parse(rawInput);
  return inTransaction(db, async (tx) => {
    const problem = await lockProblem(tx, input.ticketId);
    await assertMayWorkTicketType(tx, actor, "PROBLEM");
    if (problem.status === "CLOSED" || problem.status === "CANCELLED")
      throw new AppError(
        "BAD_REQUEST",
        `${displayNumber(problem)} is ${problem.status === "CLOSED" ? "closed" : "cancelled"}: its ` +
          `incidents are resolved one by one now.`,
      );
    const links = await tx.ticketLink.findMany({
      where: { fromId: problem.id, to: { type: "INCIDENT" } },
      orderBy: { toId: "asc" }, // one lock order for every resolver
      select: { to: { select: { id: true, type: true, number: true, status: true } } },
    });
    const open = links.map((l) => l.to).filter((t) => !SETTLED.includes(t.status));
    for (const incident of open) {
      await addComment(tx, actor, { ticketId: incident.id, body: input.note });
      // The comment does not change the version; read it under updateTicket's own lock to be exact.
      const { version } = await tx.ticket.findUniqueOrThrow({ where: { id: incident.id }, select: { version: true } });
      await updateTicket(tx, actor, { id: incident.id, expectedVersion: version, changes: { status: "RESOLVED" } });
    }
    const resolvedIncidents = open.map(displayNumber);
    if (problem.status !== "RESOLVED") {
      await updateTicket(tx, actor, {
        id: problem.id,
        expectedVersion: problem.version,
        changes: { status: "RESOLVED" },
        note: resolvedIncidents.length
          ? `Resolved with its linked incidents ${resolvedIncidents.join(", ")}.`
          : "Resolved: no linked incident was open.",
      });
    }
    return { resolvedIncidents, leftAlone: links.length - open.length };
  });
}

type LockedProblem = {
  id: string;
  type: "PROBLEM";
  number: number;
  title: string;
  status: TicketStatus;
  version: number;
};

async function lockProblem(tx: Tx, ticketId: string): Promise<LockedProblem> {
  const rows = await tx.$queryRaw<(Omit<LockedProblem, "type"> & { type: string })[]>`
    select id, type::text as type, number, title, status::text as status, version
    from "Ticket" where id = ${ticketId} for no key update`;
  const ticket = rows[0];
  if (!ticket) throw new AppError("NOT_FOUND", "This problem was not found.");
  if (ticket.type !== "PROBLEM") throw notAProblem(ticket as unknown as LockedProblem);
  return ticket as LockedProblem;
}

function notAProblem(ticket: { type: Parameters<typeof displayNumber>[0]["type"]; number: number }): AppError {
  return new AppError("BAD_REQUEST", `${displayNumber(ticket)} is not a problem: only problems have a root cause.`);
}

const excerpt = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text) || null;

/** The draft a known error becomes: what to do first (the workaround), then why (the root cause). */
function knownErrorArticle(problem: LockedProblem, fields: { rootCause: string; workaround: string }) {
  const title = `Known error: ${problem.title}`;
  const sections = [
    `From problem ${displayNumber(problem)}.`,
    fields.workaround.trim() ? `Workaround\n\n${fields.workaround.trim()}` : null,
    fields.rootCause.trim() ? `Root cause\n\n${fields.rootCause.trim()}` : null,
  ].filter(Boolean);
  const body = sections.join("\n\n");
  return {
    title: title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title,
    // A long workaround and root cause together may exceed an article: the editor trims the draft.
    body: body.length > TEXT_MAX ? `${body.slice(0, TEXT_MAX - 1)}…` : body,
    status: "DRAFT" as const,
  };
}
