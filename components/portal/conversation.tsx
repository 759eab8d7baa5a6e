import type { PortalTicketView } from "@/server/tickets/portal-view";
import { EmptyState } from "@/components/ui/empty-state";
import { PlainText } from "@/components/tickets/plain-text";
import { AttachmentList } from "@/components/tickets/attachment-list";
import { cn } from "@/lib/utils";
import { formatWhen } from "@/lib/date-time";

/** The public replies, oldest first; the requester's own on the right-hand accent. */
export function Conversation({
  comments,
  requesterId,
}: {
  comments: PortalTicketView["comments"];
  requesterId: string;
}) {
  if (comments.length === 0)
    return (
      <EmptyState title="No replies yet">The answers of the service desk and your replies will show here.</EmptyState>
    );
  return (
    <ol className="space-y-3" data-testid="conversation">
      {comments.map((c) => {
        const mine = c.author.id === requesterId;
        return (
          <li key={c.id} className={cn("rounded-lg border p-4", mine ? "ml-8 bg-accent/40" : "mr-8 bg-card")}>
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-xs text-muted-foreground">
              <span className="font-medium text-foreground">
                {mine ? "You" : c.author.name}
                {mine ? null : <span className="font-normal text-muted-foreground"> · Service desk</span>}
              </span>
              <time dateTime={new Date(c.createdAt).toISOString()}>{formatWhen(c.createdAt)}</time>
            </div>
            <PlainText text={c.body} />
            <AttachmentList
              attachments={c.attachments}
              className="mt-3"
              label={`Files attached to the reply of ${formatWhen(c.createdAt)}`}
            />
          </li>
        );
      })}
    </ol>
  );
}
