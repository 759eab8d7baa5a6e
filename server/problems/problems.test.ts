import { beforeAll, describe, expect, it } from "vitest";
import { z, type ZodError } from "zod";
import { TRPCError } from "@trpc/server";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import { giveModuleLicenses } from "@/test/license";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { MAX_PROBLEM_TEXT_CHARS } from "@/lib/validation/problems";

/*
 * Problem management through its tRPC doors, on a real database: a known error drafts one article;
 * resolving a problem resolves its open linked incidents with one public note each and leaves the
 * settled ones alone; writing needs a seat and the problem license, reading neither.
 */

let db: Db;
let licensed: ValidSession;
let agentId: string;
let requesterIds: string[];
const as = (session: ValidSession) => callerFor(db, session);

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  const agent = await createNamedAgent(db);
  agentId = agent.id;
  await giveModuleLicenses(db, [agent.id], ["problem"]);
  licensed = await signIn(db, agent.id);
  requesterIds = [(await createUser(db)).id, (await createUser(db)).id, (await createUser(db)).id];
});

async function problemWithIncidents(title: string, incidents: number) {
  const problem = await as(licensed).consoleTickets.create({ type: "PROBLEM", title });
  const linked = [];
  for (let i = 0; i < incidents; i++) {
    const incident = await as(licensed).consoleTickets.create({
      title: `VPN drops (${i + 1})`,
      requesterId: requesterIds[i % requesterIds.length]!,
    });
    await as(licensed).consoleTickets.link({ fromId: problem.id, toRef: incident.displayNumber });
    linked.push(incident);
  }
  return { problem, incidents: linked };
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );

describe("root cause, workaround and known error", () => {
  it("marking a known error drafts one knowledge article from it, once", async () => {
    const { problem } = await problemWithIncidents("VPN drops every hour", 0);
    await as(licensed).problems.update({ ticketId: problem.id, rootCause: "The concentrator's DHCP lease is 1 hour." });
    expect(await db.knowledgeArticle.count()).toBe(0);

    const marked = await as(licensed).problems.update({
      ticketId: problem.id,
      workaround: "Reconnect the VPN client.",
      knownError: true,
    });
    expect(marked.draftedArticleId).toBeTruthy();
    const article = await db.knowledgeArticle.findUniqueOrThrow({ where: { id: marked.draftedArticleId! } });
    expect(article).toMatchObject({ title: "Known error: VPN drops every hour", status: "DRAFT", authorId: agentId });
    expect(article.body).toContain("Reconnect the VPN client.");
    expect(article.body).toContain("The concentrator's DHCP lease is 1 hour.");

    // Unmarked and marked again (and marked twice at once): still the one article.
    await as(licensed).problems.update({ ticketId: problem.id, knownError: false });
    const again = await Promise.all([
      as(licensed).problems.update({ ticketId: problem.id, knownError: true }),
      as(licensed).problems.update({ ticketId: problem.id, knownError: true }),
    ]);
    expect(again.map((r) => r.draftedArticleId)).toEqual([null, null]);
    expect(await db.knowledgeArticle.count({ where: { title: "Known error: VPN drops every hour" } })).toBe(1);

    const view = await as(licensed).problems.get({ ticketId: problem.id });
    expect(view).toMatchObject({ knownError: true, article: { id: article.id, status: "DRAFT" } });
    const history = await db.ticketHistory.findMany({ where: { ticketId: problem.id }, select: { field: true } });
    expect(history.map((h) => h.field)).toEqual(expect.arrayContaining(["root cause", "workaround", "known error"]));
  });

  it("a known error needs a workaround or a root cause to draft from, said next to the flag", async () => {
    const { problem } = await problemWithIncidents("Printer queue stalls", 0);
    const error = await errorOf(as(licensed).problems.update({ ticketId: problem.id, knownError: true }));
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("Write the workaround") });
    expect(error!.cause).toMatchObject({ field: "knownError" });
    expect(await db.problemRecord.count({ where: { ticketId: problem.id } })).toBe(0);
  });

  it("a root cause over the limit is answered for that field, and nothing is saved", async () => {
    const { problem } = await problemWithIncidents("Mail delayed", 0);
    const error = await errorOf(
      as(licensed).problems.update({ ticketId: problem.id, rootCause: "x".repeat(MAX_PROBLEM_TEXT_CHARS + 1) }),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(z.flattenError(error!.cause as ZodError).fieldErrors).toEqual({
      rootCause: [`Keep the root cause to ${MAX_PROBLEM_TEXT_CHARS.toLocaleString("en")} characters or fewer`],
    });
    expect(await db.problemRecord.count({ where: { ticketId: problem.id } })).toBe(0);
  });

  it("only problems have a root cause", async () => {
    const incident = await as(licensed).consoleTickets.create({ title: "Laptop slow", requesterId: requesterIds[0]! });
    const error = await errorOf(as(licensed).problems.update({ ticketId: incident.id, rootCause: "Disk full" }));
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: `${incident.displayNumber} is not a problem: only problems have a root cause.`,
    });
  });
});

describe("resolving a problem with its incidents", () => {
  it(
    "resolves each open linked incident with one public note to its requester, leaving settled ones " + "alone",
    async () => {
      const { problem, incidents } = await problemWithIncidents("Wi-Fi drops on floor 3", 4);
      const [open1, open2, resolved, closed] = incidents as [(typeof incidents)[number], ...typeof incidents];
      const bump = async (id: string, status: "RESOLVED" | "CLOSED") => {
        const { version } = await db.ticket.findUniqueOrThrow({ where: { id } });
        await as(licensed).consoleTickets.update({ id, expectedVersion: version, changes: { status } });
      };
      await bump(resolved!.id, "RESOLVED");
      await bump(closed!.id, "RESOLVED");
      await bump(closed!.id, "CLOSED");
      const before = await db.ticketComment.count({ where: { ticketId: { in: [resolved!.id, closed!.id] } } });

      const note = "We replaced the faulty access point on floor 3. Wi-Fi should stay up now.";
      const result = await as(licensed).problems.resolve({ ticketId: problem.id, note });
      expect([...result.resolvedIncidents].sort()).toEqual([open1.displayNumber, open2!.displayNumber].sort());
      expect(result.leftAlone).toBe(2);

      for (const incident of [open1, open2!]) {
        const ticket = await db.ticket.findUniqueOrThrow({ where: { id: incident.id } });
        expect(ticket.status).toBe("RESOLVED");
        expect(ticket.resolvedAt).not.toBeNull();
        const comments = await db.ticketComment.findMany({ where: { ticketId: incident.id } });
        expect(comments).toEqual([expect.objectContaining({ body: note, internal: false, authorId: agentId })]);
        const statusHistory = await db.ticketHistory.findMany({ where: { ticketId: incident.id, field: "status" } });
        expect(statusHistory.at(-1)).toMatchObject({ toValue: "RESOLVED", actorId: agentId });
      }
      expect(await db.ticketComment.count({ where: { ticketId: { in: [resolved!.id, closed!.id] } } })).toBe(before);
      expect((await db.ticket.findUniqueOrThrow({ where: { id: closed!.id } })).status).toBe("CLOSED");
      expect((await db.ticket.findUniqueOrThrow({ where: { id: problem.id } })).status).toBe("RESOLVED");

      const view = await as(licensed).problems.get({ ticketId: problem.id });
      expect(view.openIncidents).toBe(0);
      expect(view.incidents.map((i) => i.status).sort()).toEqual(["CLOSED", "RESOLVED", "RESOLVED", "RESOLVED"]);

      // Again: nothing left open, nobody is written to twice.
      expect(await as(licensed).problems.resolve({ ticketId: problem.id, note })).toEqual({
        resolvedIncidents: [],
        leftAlone: 4,
      });
      expect(await db.ticketComment.count({ where: { ticketId: open1.id } })).toBe(1);
    },
  );

  it("an empty note is answered for that field, and nothing is resolved", async () => {
    const { problem, incidents } = await problemWithIncidents("Badge readers offline", 1);
    const error = await errorOf(as(licensed).problems.resolve({ ticketId: problem.id, note: "   " }));
    expect(z.flattenError(error!.cause as ZodError).fieldErrors).toEqual({
      note: ["Write the note the requesters of the linked incidents receive"],
    });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: incidents[0]!.id } })).status).not.toBe("RESOLVED");
  });
});

describe("who may work problems", () => {
  it("without the problem license: FORBIDDEN with what they lack; reading still works", async () => {
    const { problem, incidents } = await problemWithIncidents("Share drive slow", 1);
    const seatOnly = await signIn(db, (await createNamedAgent(db)).id);
    for (const call of [
      () => as(seatOnly).problems.update({ ticketId: problem.id, rootCause: "Antivirus scans the share" }),
      () => as(seatOnly).problems.resolve({ ticketId: problem.id, note: "Fixed" }),
    ]) {
      expect(await errorOf(call())).toMatchObject({
        code: "FORBIDDEN",
        message:
          "You have no Problem management license, so you can read problem tickets but not work them. Ask " +
          "an administrator for a Problem management license.",
      });
    }
    expect((await db.ticket.findUniqueOrThrow({ where: { id: incidents[0]!.id } })).status).not.toBe("RESOLVED");
    await expect(as(seatOnly).problems.get({ ticketId: problem.id })).resolves.toMatchObject({ openIncidents: 1 });
  });

  it("linking incidents to a problem, or unlinking them, works the problem: not without its license", async () => {
    const { problem, incidents } = await problemWithIncidents("Scanner jams", 1);
    const incident = await as(licensed).consoleTickets.create({ title: "Scanner", requesterId: requesterIds[0]! });
    const seatOnly = await signIn(db, (await createNamedAgent(db)).id);
    const missing = {
      code: "FORBIDDEN",
      message: expect.stringContaining("You have no Problem management license"),
    };
    expect(
      await errorOf(as(seatOnly).consoleTickets.link({ fromId: problem.id, toRef: incident.displayNumber })),
    ).toMatchObject(missing);
    const link = await db.ticketLink.findFirstOrThrow({ where: { fromId: problem.id, toId: incidents[0]!.id } });
    expect(await errorOf(as(seatOnly).consoleTickets.unlink({ linkId: link.id }))).toMatchObject(missing);
    expect(await db.ticketLink.count({ where: { fromId: problem.id } })).toBe(1);
  });

  it("without a seat: refused even with the problem license; reading still works", async () => {
    const { problem } = await problemWithIncidents("Teams calls drop", 0);
    const noSeatAgent = await createUser(db, { role: "AGENT" });
    await giveModuleLicenses(db, [noSeatAgent.id], ["problem"]);
    const noSeat = await signIn(db, noSeatAgent.id);
    expect(
      await errorOf(as(noSeat).problems.update({ ticketId: problem.id, workaround: "Use the phone" })),
    ).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("You have no seat license"),
    });
    expect(await db.problemRecord.count({ where: { ticketId: problem.id } })).toBe(0);
    await expect(as(noSeat).problems.get({ ticketId: problem.id })).resolves.toMatchObject({ ticketId: problem.id });
  });
});
