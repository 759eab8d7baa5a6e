import { Badge } from "@/components/ui/badge";
import { formatDue } from "@/lib/date-time";

export type SlaStateValue = "breached" | "due-soon" | "on-track" | "paused" | "none";

const LABEL: Record<SlaStateValue, string> = {
  breached: "Overdue",
  "due-soon": "Due soon",
  "on-track": "On track",
  paused: "Paused",
  none: "—",
};
const VARIANT = {
  breached: "destructive",
  "due-soon": "warning",
  "on-track": "success",
  paused: "outline",
  none: "outline",
} as const;

/** A queue row's SLA state, in words, with the next due time as a tooltip and for screen readers. */
export function SlaBadge({ state, dueAt }: { state: SlaStateValue; dueAt: Date | null }) {
  if (state === "none")
    return (
      <span className="text-muted-foreground" aria-label="No SLA clock running">
        —
      </span>
    );
  const due = dueAt ? `${state === "breached" ? "was due" : "due"} ${formatDue(dueAt)}` : "clock paused while Pending";
  return (
    <Badge variant={VARIANT[state]} title={due} data-testid="sla-state">
      {LABEL[state]}
      <span className="sr-only">, {due}</span>
    </Badge>
  );
}
