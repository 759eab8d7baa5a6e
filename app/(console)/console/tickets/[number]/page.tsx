import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { decodePathSegment } from "@/lib/http/path-segment";
import { TicketWorkspace } from "@/components/console/tickets/workspace/ticket-workspace";
import { attachmentSettings } from "@/server/attachments/settings";
import { requirePageArea } from "@/server/auth/require-area";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  return { title: decodePathSegment((await params).number)?.toUpperCase() ?? "Ticket" };
}

/** A ticket's workspace in the console, by its number (INC-000123) or id. */
export default async function ConsoleTicketPage({ params }: { params: Promise<{ number: string }> }) {
  if (!(await requirePageArea("console"))) return null; // the layout says "not for you"
  // A malformed address (a broken percent-escape) is a ticket that does not exist, not a 500.
  const ticketRef = decodePathSegment((await params).number);
  if (!ticketRef) notFound();
  return <TicketWorkspace ticketRef={ticketRef} maxAttachmentBytes={attachmentSettings().maxBytes} />;
}
