import { z } from "zod";
import { bigintIdSchema } from "@/lib/validation/common";

/*
 * Webhooks of ticket events: what administrators choose and what a receiver checks. Each
 * delivery is a POST of JSON with `Seatdesk-Signature: t=<unix seconds>,v1=<hex>` where v1 is
 * HMAC-SHA256 of `<t>.<body>` under the endpoint's secret: a receiver recomputes it, compares in
 * constant time and refuses a timestamp older than a few minutes (a replayed delivery).
 */

export const WEBHOOK_EVENTS = ["TICKET_CREATED", "TICKET_UPDATED", "TICKET_REPLIED", "TICKET_RESOLVED"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_EVENT_LABEL: Record<WebhookEvent, string> = {
  TICKET_CREATED: "Ticket created",
  TICKET_UPDATED: "Ticket updated (fields, status, assignment)",
  TICKET_REPLIED: "Reply or note added",
  TICKET_RESOLVED: "Ticket resolved",
};
export const SIGNATURE_HEADER = "Seatdesk-Signature";
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export const createWebhookInput = z.strictObject({
  name: z.string().trim().min(2, "Give the endpoint a name").max(80),
  url: z
    .url({ protocol: /^https?$/, error: "Give an http:// or https:// address" })
    .max(2000, "Use an address of at most 2,000 characters"),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Choose at least one event"),
  includeInternalNotes: z.boolean().default(false),
});
export type CreateWebhookInput = z.input<typeof createWebhookInput>;
export const setWebhookActiveInput = z.strictObject({ endpointId: z.string().min(1), active: z.boolean() });
export const listDeliveriesInput = z.strictObject({
  endpointId: z.string().min(1),
  cursor: bigintIdSchema("This page link is no longer valid. Start from the first page.").optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
