import type { Metadata } from "next";
import { TicketWorkspace } from "@/components/console/tickets/workspace/ticket-workspace";
import { attachmentSettings } from "@/server/attachments/settings";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).number).toUpperCase() };
}

/** A ticket's workspace in the console, by its number (INC-000123) or id. */
export default async function ConsoleTicketPage({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  return <TicketWorkspace ticketRef={decodeURIComponent(number)} maxAttachmentBytes={attachmentSettings().maxBytes} />;
}
