import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";
import {
  clockTooltip,
  formatDuration,
  formatTarget,
  slaClocks,
  type SlaClockState,
  type SlaClockTicket,
  type SlaTargetMinutes,
} from "@/lib/tickets/sla-clock";
import { formatDue } from "@/lib/date-time";

/*
 * A ticket's two SLA clocks (response, resolution), compact: a badge each whose colour and text
 * both say the state ("due in 35m", "overdue 1h 05m", "paused", "met", "missed by 20m").
 * No hooks and no server imports: usable in server and client components. The caller passes
 * `now` (tick it for a live view) and, when it has them, the ticket's targets for the tooltip, which also
 * says what Pending does to each clock (a breach stays a breach).
 */

type Props = {
  ticket: SlaClockTicket;
  now: Date;
  target?: SlaTargetMinutes | null;
  /** "row" for queue rows (short labels), "panel" for the ticket workspace (labels and due times). */
  layout?: "row" | "panel";
  className?: string;
};

const NAME = { response: "Response", resolution: "Resolution" } as const;

type Variant = "outline" | "secondary" | "success" | "warning" | "destructive";

function describe(clock: SlaClockState): { variant: Variant; text: string } {
  switch (clock.phase) {
    case "running":
      if (clock.breached)
        return { variant: "destructive", text: `breached, overdue ${formatDuration(clock.overdueMs ?? 0)}` };
      if (clock.breachingWithinHour)
        return { variant: "warning", text: `due soon, in ${formatDuration(clock.remainingMs ?? 0)}` };
      return { variant: "outline", text: `due in ${formatDuration(clock.remainingMs ?? 0)}` };
    case "paused":
      return { variant: "secondary", text: "paused (Pending)" };
    case "met":
      return { variant: "success", text: "met" };
    case "missed":
      return { variant: "destructive", text: `missed by ${formatDuration(clock.overdueMs ?? 0)}` };
    case "cancelled":
      return { variant: "secondary", text: "cancelled" };
    default:
      return { variant: "outline", text: "no target" };
  }
}

export function SlaClocks({ ticket, now, target, layout = "row", className }: Props) {
  const clocks = slaClocks(ticket, now, target);
  return (
    <ul
      aria-label="SLA clocks"
      className={cn("flex flex-wrap gap-1.5", layout === "panel" && "flex-col items-start gap-2", className)}
    >
      {[clocks.response, clocks.resolution].map((clock) => {
        const { variant, text } = describe(clock);
        return (
          <li key={clock.kind} className={cn(layout === "panel" && "flex flex-col gap-0.5")}>
            <Badge
              variant={variant}
              title={clockTooltip(clock)}
              data-sla-phase={clock.phase}
              data-sla-breached={clock.breached || undefined}
            >
              <span className="font-semibold">{NAME[clock.kind]}</span> {text}
            </Badge>
            {layout === "panel" && (
              <span className="text-muted-foreground text-xs">
                {clock.target ? formatTarget(clock.target) : null}
                {clock.target && clock.dueAt ? " · " : null}
                {clock.dueAt ? (
                  <>
                    due <time dateTime={clock.dueAt.toISOString()}>{formatDue(clock.dueAt)}</time>
                  </>
                ) : null}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
