import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { decodePathSegment } from "@/lib/http/path-segment";
import { requirePageArea } from "@/server/auth/require-area";
import { getDb } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { attachmentSettings } from "@/server/attachments/settings";
import { getPortalTicket } from "@/server/tickets/portal-view";
import { PortalTicket } from "@/components/portal/portal-ticket";

export const metadata: Metadata = { title: "Ticket" };
export const dynamic = "force-dynamic";

/**
 * One of the signed-in person's tickets, by number (INC-000123) or id. Anyone else's ticket is a
 * 404, exactly like one that does not exist: its existence is not revealed.
 */
export default async function PortalTicketPage({ params }: { params: Promise<{ ref: string }> }) {
  const ref = decodePathSegment((await params).ref);
  if (!ref) notFound();
  const session = await requirePageArea("portal");
  if (!session) return null; // the layout sends the person home
  const ticket = await getPortalTicket(getDb(), session.user, ref).catch((error: unknown) => {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });
  if (!ticket) notFound();
  return <PortalTicket initial={ticket} maxBytes={attachmentSettings().maxBytes} />;
}
