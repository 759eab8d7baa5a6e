import "server-only";
import { PG_BIGINT_MAX } from "@/lib/validation/common";
import type { Db } from "../db/client";
import type { DbOrTx } from "../db/transaction";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { listAdminAuditInput, type ListAdminAuditInput } from "@/lib/validation/admin-audit";

/*
 * The administrators' audit log: every change an administrator made, in any area (users, groups,
 * licenses, seats, service levels, seat prices), with the input as given. Passwords are never
 * kept, and an input too large to be useful is cut. Append-only (a trigger refuses UPDATE and
 * DELETE). Licensing changes are also in the seat history with their before and after.
 */

const HIDDEN = "[hidden]";
const SECRET_KEY = /password|secret|token/i;
const MAX_INPUT_CHARS = 4000;

/** The input as it will be kept: secrets replaced, and cut to a summary when very large. */
export function auditedInput(input: unknown): Prisma.InputJsonValue | undefined {
  const text = auditedInputJson(input);
  return text === null ? undefined : (JSON.parse(text) as Prisma.InputJsonValue);
}

/**
 * auditedInput as the JSON text of the column (null without an input), serialized once: for a
 * statement written by hand (server/api/actions.ts, on every API write), which would otherwise
 * parse and serialize the same input twice more.
 */
export function auditedInputJson(input: unknown): string | null {
  if (input === undefined || input === null) return null;
  const text = JSON.stringify(input, (key, value: unknown) => (key && SECRET_KEY.test(key) ? HIDDEN : value));
  return text.length > MAX_INPUT_CHARS
    ? JSON.stringify({ truncated: true, start: text.slice(0, MAX_INPUT_CHARS) })
    : text;
}

export async function recordAdminAudit(
  db: Db,
  event: { actorId: string | null; action: string; input: unknown; requestId?: string | null },
): Promise<void> {
  await db.adminAuditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      input: auditedInput(event.input),
      requestId: event.requestId ?? null,
    },
  });
}

export type AdminAuditItem = {
  id: string;
  at: Date;
  action: string;
  input: unknown;
  requestId: string | null;
  /** Null for what seatdesk did by itself (signIn.locked). */
  actor: { id: string; name: string; email: string } | null;
};

/** Newest first, a page at a time (cursor: the last id shown), optionally one area (a router, e.g. adminUsers). */
export async function listAdminAudit(
  db: DbOrTx,
  rawInput: ListAdminAuditInput = {},
): Promise<{ items: AdminAuditItem[]; nextCursor: string | null }> {
  const input = listAdminAuditInput.parse(rawInput);
  let before: bigint | undefined;
  if (input.cursor) {
    // An event id is a bigint: 19 digits may still pass its largest value, which the database cannot take.
    if (!/^\d{1,19}$/.test(input.cursor) || BigInt(input.cursor) > PG_BIGINT_MAX)
      throw new AppError(
        "BAD_REQUEST",
        "This page link is no longer valid. Start from the first page.",
        undefined,
        "cursor",
      );
    before = BigInt(input.cursor);
  }
  const rows = await db.adminAuditEvent.findMany({
    where: {
      ...(input.area ? { action: { startsWith: `${input.area}.` } } : {}),
      ...(before !== undefined ? { id: { lt: before } } : {}),
    },
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      at: true,
      action: true,
      input: true,
      requestId: true,
      actor: { select: { id: true, name: true, email: true } },
    },
  });
  const items = rows.slice(0, input.limit).map((r) => ({ ...r, id: r.id.toString() }));
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}
