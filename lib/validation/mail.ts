import { z } from "zod";
import { bigintIdSchema } from "@/lib/validation/common";

/** Outgoing mail's states, as administrators read them at /admin/mail. */
export const MAIL_STATUSES = ["PENDING", "SENT", "FAILED"] as const;
export type MailStatusValue = (typeof MAIL_STATUSES)[number];
export const MAIL_STATUS_LABEL: Record<MailStatusValue, string> = {
  PENDING: "Waiting",
  SENT: "Sent",
  FAILED: "Failed",
};

export const INBOUND_STATUSES = ["PROCESSED", "HELD", "IGNORED", "FAILED"] as const;
export type InboundStatusValue = (typeof INBOUND_STATUSES)[number];
export const INBOUND_STATUS_LABEL: Record<InboundStatusValue, string> = {
  PROCESSED: "Processed",
  HELD: "Held",
  IGNORED: "Ignored",
  FAILED: "Could not process",
};

export const MAIL_PAGE_SIZE = 25;
const page = {
  cursor: bigintIdSchema("This page link is no longer valid. Start from the first page.").optional(),
  limit: z.number().int().min(1).max(100).default(MAIL_PAGE_SIZE),
};

export const listOutboxInput = z.object({
  status: z.enum(MAIL_STATUSES, { error: "Choose a status from the list" }).optional(),
  ...page,
});
export type ListOutboxInput = z.input<typeof listOutboxInput>;

export const listInboundInput = z.object({
  status: z.enum(INBOUND_STATUSES, { error: "Choose a status from the list" }).optional(),
  ...page,
});
export type ListInboundInput = z.input<typeof listInboundInput>;

/** The settings a person changes on their mail settings page; the server knows the defaults. */
export const MAIL_PREFERENCE_KEYS = [
  "requesterReceived",
  "requesterReplies",
  "requesterPending",
  "requesterResolved",
  "requesterClosed",
  "agentAssigned",
  "agentRequesterReply",
  "agentGroupReceived",
  "agentBreaching",
  "seatReserved",
] as const;
export type MailPreferenceKeyValue = (typeof MAIL_PREFERENCE_KEYS)[number];

export const MAIL_PREFERENCE_LABEL: Record<MailPreferenceKeyValue, { label: string; agentsOnly: boolean }> = {
  requesterReceived: { label: "A request of mine was received (with its number)", agentsOnly: false },
  requesterReplies: { label: "The service desk replied on my request", agentsOnly: false },
  requesterPending: { label: "The service desk is waiting for me", agentsOnly: false },
  requesterResolved: { label: "My request was resolved (confirm or reopen)", agentsOnly: false },
  requesterClosed: { label: "My request was closed", agentsOnly: false },
  agentAssigned: { label: "A ticket was assigned to me", agentsOnly: true },
  agentRequesterReply: { label: "The requester replied on a ticket assigned to me", agentsOnly: true },
  agentGroupReceived: { label: "One of my groups received a new ticket", agentsOnly: true },
  agentBreaching: { label: "A ticket of mine will breach its target within the hour", agentsOnly: true },
  seatReserved: { label: "A seat I waited for is reserved for me", agentsOnly: true },
};

export const savePreferencesInput = z.object(
  Object.fromEntries(MAIL_PREFERENCE_KEYS.map((k) => [k, z.boolean().optional()])) as Record<
    MailPreferenceKeyValue,
    z.ZodOptional<z.ZodBoolean>
  >,
);
export type SavePreferencesInput = z.input<typeof savePreferencesInput>;
