import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { parseTicketNumber, formatTicketNumber } from "@/lib/validation/tickets";
import type { TicketTypeValue } from "@/lib/validation/tickets";

/*
 * The address a notification's replies go to: the desk's own address with a tag carrying the
 * ticket number and an HMAC of it, `desk+inc-000123.k3j9x2p8q4mz@example.org`. Without the secret
 * nobody can make the address of a ticket they were not written about; a guessed or edited tag
 * fails the check and the mail is treated as forged (kept, not added to any ticket).
 */

const TAG_BYTES = 10;

function signature(secret: string, number: string): string {
  return createHmac("sha256", secret)
    .update(`reply:${number.toUpperCase()}`)
    .digest()
    .subarray(0, TAG_BYTES)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x");
}

/** desk@example.org + INC-000123 -> desk+inc-000123.<sig>@example.org */
export function replyAddressFor(
  secret: string,
  deskAddress: string,
  ticket: { type: TicketTypeValue; number: number },
) {
  const number = formatTicketNumber(ticket.type, ticket.number);
  const at = deskAddress.lastIndexOf("@");
  const local = deskAddress.slice(0, at).split("+")[0];
  return `${local}+${number.toLowerCase()}.${signature(secret, number)}${deskAddress.slice(at)}`;
}

export type ReplyTag =
  { kind: "none" } | { kind: "valid"; type: TicketTypeValue; number: number } | { kind: "forged"; tag: string };

/**
 * What a recipient address says: not a reply address of this desk (`none`), a genuine one, or a
 * tag that does not verify (`forged`).
 */
export function readReplyAddress(secret: string, deskAddress: string, address: string): ReplyTag {
  const at = address.lastIndexOf("@");
  const deskAt = deskAddress.lastIndexOf("@");
  if (at < 0 || address.slice(at).toLowerCase() !== deskAddress.slice(deskAt).toLowerCase()) return { kind: "none" };
  const [local, tag] = address.slice(0, at).toLowerCase().split("+", 2);
  if (local !== deskAddress.slice(0, deskAt).toLowerCase().split("+")[0] || !tag) return { kind: "none" };
  const match = /^([a-z]{3}-\d{1,9})\.([a-z0-9_-]+)$/.exec(tag);
  const parsed = match ? parseTicketNumber(match[1]!.toUpperCase()) : null;
  if (!match || !parsed) return { kind: "forged", tag };
  const expected = Buffer.from(signature(secret, formatTicketNumber(parsed.type, parsed.number)));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { kind: "forged", tag };
  return { kind: "valid", ...parsed };
}
