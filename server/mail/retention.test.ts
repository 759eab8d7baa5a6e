import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { removeOldMail, startMailRetentionJob } from "./retention";

/*
 * Mail records past the retention go; what still needs someone stays whatever its age. Rows are
 * written with their dates set back in time, then the retention runs against the real database.
 */

let db: Db;
const DAYS = 30;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const OLD = daysAgo(DAYS + 1);
const RECENT = daysAgo(DAYS - 1);

beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

let serial = 0;
const outbox = (status: "PENDING" | "SENT" | "FAILED", at: Date) =>
  db.mailOutbox.create({
    data: {
      messageId: `<retention-${++serial}@desk.test>`,
      kind: "ticket.received",
      toAddress: "rita@example.test",
      items: [],
      subject: "Your request",
      textBody: "text",
      htmlBody: "<p>text</p>",
      status,
      nextAttemptAt: at,
      sentAt: status === "SENT" ? at : null,
      createdAt: at,
    },
  });
const inbound = (status: "PROCESSED" | "IGNORED" | "HELD" | "FAILED", at: Date) =>
  db.mailInbound.create({
    data: { via: "smtp", sizeBytes: 4, raw: new Uint8Array([1, 2, 3, 4]), status, receivedAt: at, reason: status },
  });
const event = (createdAt: Date, expandedAt: Date | null) =>
  db.mailEvent.create({ data: { kind: "ticket.created", createdAt, expandedAt } });

describe("removeOldMail", () => {
  it(
    "removes expanded events, sent messages and acted-on received mail past the retention, and nothing " + "else",
    async () => {
      const kept = {
        events: [await event(OLD, null), await event(RECENT, RECENT)],
        outbox: [await outbox("SENT", RECENT), await outbox("FAILED", OLD), await outbox("PENDING", OLD)],
        inbound: [await inbound("PROCESSED", RECENT), await inbound("HELD", OLD), await inbound("FAILED", OLD)],
      };
      await event(OLD, OLD);
      await outbox("SENT", OLD);
      await inbound("PROCESSED", OLD);
      await inbound("IGNORED", OLD);

      expect(await removeOldMail(db, DAYS)).toEqual({ events: 1, outbox: 1, inbound: 2 });

      const ids = (rows: { id: bigint }[]) => rows.map((r) => r.id).sort();
      expect(ids(await db.mailEvent.findMany({ select: { id: true } }))).toEqual(ids(kept.events));
      expect(ids(await db.mailOutbox.findMany({ select: { id: true } }))).toEqual(ids(kept.outbox));
      expect(ids(await db.mailInbound.findMany({ select: { id: true } }))).toEqual(ids(kept.inbound));

      // A second run finds nothing more.
      expect(await removeOldMail(db, DAYS)).toEqual({ events: 0, outbox: 0, inbound: 0 });
    },
  );

  it("removes more rows than one batch holds", async () => {
    await db.mailEvent.createMany({
      data: Array.from({ length: 2500 }, () => ({ kind: "ticket.updated", createdAt: OLD, expandedAt: OLD })),
    });
    const before = await db.mailEvent.count();
    expect((await removeOldMail(db, DAYS)).events).toBe(2500);
    expect(await db.mailEvent.count()).toBe(before - 2500);
  });

  it("runs as a periodic job", async () => {
    const old = await outbox("SENT", OLD);
    const stop = startMailRetentionJob(db, DAYS, 0.2);
    try {
      await vi.waitFor(async () => expect(await db.mailOutbox.findUnique({ where: { id: old.id } })).toBeNull(), {
        timeout: 10_000,
      });
    } finally {
      stop();
    }
  });
});
