import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { createWebhookInput, listDeliveriesInput, type CreateWebhookInput } from "@/lib/webhooks";

/** Webhook endpoints and their deliveries, administered at /admin/webhooks. */

export async function listWebhookEndpoints(db: DbOrTx) {
  return db.webhookEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    take: 100,
    select: {
      id: true,
      name: true,
      url: true,
      events: true,
      includeInternalNotes: true,
      active: true,
      createdAt: true,
    },
  });
}

/** Creates an endpoint; its signing secret is shown this once. */
export async function createWebhookEndpoint(db: Db, actorId: string, rawInput: CreateWebhookInput) {
  const input = createWebhookInput.parse(rawInput);
  const signingKey = `whsec_${randomBytes(24).toString("base64url")}`;
  const endpoint = await db.webhookEndpoint.create({
    data: { ...input, secret: signingKey, createdById: actorId },
    select: { id: true, name: true },
  });
  return { ...endpoint, signingKey };
}

export async function setWebhookActive(db: Db, input: { endpointId: string; active: boolean }) {
  const updated = await db.webhookEndpoint.updateMany({
    where: { id: input.endpointId },
    data: { active: input.active },
  });
  if (!updated.count) throw new AppError("NOT_FOUND", "This webhook endpoint no longer exists.");
  return { ok: true };
}

/** Deliveries of an endpoint, newest first, a page at a time (cursor: the last id shown). */
export async function listWebhookDeliveries(db: DbOrTx, rawInput: unknown) {
  const input = listDeliveriesInput.parse(rawInput);
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: input.endpointId, ...(input.cursor ? { id: { lt: BigInt(input.cursor) } } : {}) },
    orderBy: { id: "desc" },
    take: input.limit + 1,
    select: {
      id: true,
      event: true,
      ticketId: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastStatusCode: true,
      lastResponse: true,
      lastError: true,
      createdAt: true,
      deliveredAt: true,
    },
  });
  const items = rows.slice(0, input.limit).map((r) => ({ ...r, id: r.id.toString() }));
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}
