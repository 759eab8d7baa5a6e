import { Badge } from "@/components/ui/badge";
import { TICKET_STATUS_LABEL, type TicketStatusValue } from "@/lib/validation/tickets";

const VARIANT: Record<TicketStatusValue, "default" | "secondary" | "outline" | "success" | "warning" | "destructive"> =
  {
    NEW: "default",
    ASSIGNED: "secondary",
    IN_PROGRESS: "secondary",
    PENDING: "warning",
    RESOLVED: "success",
    CLOSED: "outline",
    CANCELLED: "outline",
  };

/** A ticket's status as a badge, with its words (never colour alone). */
export function StatusBadge({ status, className }: { status: TicketStatusValue; className?: string }) {
  return (
    <Badge variant={VARIANT[status]} className={className} data-testid="ticket-status">
      {TICKET_STATUS_LABEL[status]}
    </Badge>
  );
}
