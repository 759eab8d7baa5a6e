import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Console" };

export default function ConsoleHome() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Queues</h1>
      <EmptyState title="No tickets in your queues">Tickets assigned to you and your groups will appear here.</EmptyState>
    </div>
  );
}
