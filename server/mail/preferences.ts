import "server-only";
import type { DbOrTx } from "../db/transaction";
import type { MailItemKind } from "./templates";

/** The settings a person can change, with their defaults (a person without a row has these). */
export const MAIL_PREFERENCE_DEFAULTS = {
  requesterReceived: true,
  requesterReplies: true,
  requesterPending: true,
  requesterResolved: true,
  requesterClosed: true,
  agentAssigned: true,
  agentRequesterReply: true,
  agentGroupReceived: false,
  agentBreaching: true,
  seatReserved: true,
} as const;

export type MailPreferences = { -readonly [K in keyof typeof MAIL_PREFERENCE_DEFAULTS]: boolean };
export type MailPreferenceKey = keyof MailPreferences;

/**
 * Which setting lets a notice through; null: always sent (an administrator ending your seat, an
 * approval asked of you, the desk's answers to a mail you sent).
 */
export const PREFERENCE_OF: Record<MailItemKind, MailPreferenceKey | null> = {
  received: "requesterReceived",
  "public-reply": "requesterReplies",
  pending: "requesterPending",
  resolved: "requesterResolved",
  closed: "requesterClosed",
  assigned: "agentAssigned",
  "requester-replied": "agentRequesterReply",
  "group-received": "agentGroupReceived",
  breaching: "agentBreaching",
  "seat-reserved": "seatReserved",
  "seat-ended": null,
  "approval-requested": null,
  "closed-ticket-reply": null,
  "refused-unknown-sender": null,
};

/** Each person's settings (defaults for those who never changed any), in one query. */
export async function loadPreferences(db: DbOrTx, userIds: string[]): Promise<Map<string, MailPreferences>> {
  const rows = userIds.length ? await db.mailPreference.findMany({ where: { userId: { in: userIds } } }) : [];
  const byUser = new Map(rows.map((r) => [r.userId, r]));
  return new Map(
    userIds.map((id) => {
      const row = byUser.get(id);
      const prefs = { ...MAIL_PREFERENCE_DEFAULTS } as MailPreferences;
      if (row) for (const key of Object.keys(prefs) as MailPreferenceKey[]) prefs[key] = row[key];
      return [id, prefs];
    }),
  );
}
