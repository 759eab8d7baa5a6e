import { LockIcon } from "lucide-react";
import { cn } from "@/lib/utils";
import { PlainText } from "@/components/tickets/plain-text";
import { AttachmentList } from "@/components/tickets/attachment-list";
import type { ConsoleTicket } from "../types";
import { formatWhen } from "@/lib/date-time";

/** Replies and work notes, oldest first; a work note is marked as internal in words and colour. */
export function Conversation({ comments, requesterId }: { comments: ConsoleTicket["comments"]; requesterId: string }) {
  if (comments.length === 0) return <p className="text-sm text-muted-foreground">No replies or notes yet.</p>;
  return (
    <ol className="grid gap-3" aria-label="Conversation">
      {comments.map((c) => (
        <li
          key={c.id}
          data-testid={c.internal ? "work-note" : "public-reply"}
          className={cn(
            "rounded-lg border p-3",
            c.internal ? "border-warning/60 bg-warning/10" : c.author.id === requesterId ? "bg-muted/40" : "bg-card",
          )}
        >
          <div className="mb-1.5 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
            <span className="font-medium text-foreground">{c.author.name}</span>
            {c.author.id === requesterId ? <span>(requester)</span> : null}
            {c.internal ? (
              <span className="inline-flex items-center gap-1 font-medium text-foreground">
                <LockIcon className="size-3" aria-hidden /> Internal work note
              </span>
            ) : (
              <span>Public reply</span>
            )}
            <time dateTime={new Date(c.createdAt).toISOString()}>{formatWhen(c.createdAt)}</time>
          </div>
          <PlainText text={c.body} />
          <AttachmentList
            attachments={c.attachments}
            className="mt-3"
            label={`Files attached to the ${c.internal ? "work note" : "reply"} of ${formatWhen(c.createdAt)}`}
          />
        </li>
      ))}
    </ol>
  );
}
