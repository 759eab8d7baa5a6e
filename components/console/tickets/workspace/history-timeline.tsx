import type { ConsoleTicket } from "../types";
import { formatWhen } from "@/lib/date-time";
import { describeChange } from "./history-labels";

/** Every change of the ticket, newest first: who, what, when. */
export function HistoryTimeline({
  history,
  createdAt,
  requesterName,
}: {
  history: ConsoleTicket["history"];
  createdAt: Date;
  requesterName: string;
}) {
  const entries = [...history].reverse();
  return (
    <ol className="relative grid gap-3 border-l pl-4" aria-label="History">
      {entries.map((h) => (
        <li key={h.id} className="text-sm" data-testid="history-entry">
          <span className="absolute -left-1 mt-1.5 size-2 rounded-full bg-muted-foreground/60" aria-hidden />
          <span className="font-medium">{h.actor?.name ?? "seatdesk (automatic)"}</span> {describeChange(h)}
          <div className="text-xs text-muted-foreground">
            <time dateTime={new Date(h.at).toISOString()}>{formatWhen(h.at)}</time>
          </div>
        </li>
      ))}
      <li className="text-sm">
        <span className="absolute -left-1 mt-1.5 size-2 rounded-full bg-primary" aria-hidden />
        Opened for <span className="font-medium">{requesterName}</span>
        <div className="text-xs text-muted-foreground">
          <time dateTime={new Date(createdAt).toISOString()}>{formatWhen(createdAt)}</time>
        </div>
      </li>
    </ol>
  );
}
