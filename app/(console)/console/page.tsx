import type { Metadata } from "next";
import { ConsoleQueues } from "@/components/console/tickets/queue/console-queues";
import { NewTicketDialog } from "@/components/console/tickets/new-ticket-dialog";
import { QUEUE_VIEWS, type QueueView } from "@/lib/validation/tickets";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Console" };
export const dynamic = "force-dynamic";

/** `?view=breaching` (any queue of QUEUE_VIEWS) opens that tab: links from elsewhere, a reload. */
function queueView(value: string | string[] | undefined): QueueView | undefined {
  return QUEUE_VIEWS.find((view) => view === value);
}

export default async function ConsoleHome({ searchParams }: { searchParams: Promise<{ view?: string | string[] }> }) {
  if (!(await requirePageArea("console"))) return null; // the layout says "not for you"
  const { view } = await searchParams;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Queues</h1>
          <p className="text-sm text-muted-foreground">
            Your work, your groups&apos; unassigned tickets, everything open and what is about to miss its SLA.
          </p>
        </div>
        <NewTicketDialog />
      </div>
      <ConsoleQueues initialView={queueView(view)} />
    </div>
  );
}
