import type { Metadata } from "next";
import { attachmentSettings } from "@/server/attachments/settings";
import { NewTicketForm } from "@/components/portal/new-ticket-form";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "New ticket" };
export const dynamic = "force-dynamic";

export default async function NewPortalTicketPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  if (!(await requirePageArea("portal"))) return null; // the layout sends the person home
  const { type } = await searchParams;
  const initialType = type === "REQUEST" ? "REQUEST" : "INCIDENT";
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">
          {initialType === "REQUEST" ? "Ask for something" : "Report a problem"}
        </h1>
        <p className="text-sm text-muted-foreground">
          A few words are enough: the service desk will ask if they need more.
        </p>
      </div>
      <NewTicketForm key={initialType} initialType={initialType} maxBytes={attachmentSettings().maxBytes} />
    </div>
  );
}
