import { Badge } from "@/components/ui/badge";
import type { PriorityValue } from "@/lib/validation/tickets";

const LABEL: Record<PriorityValue, string> = { P1: "P1 critical", P2: "P2 high", P3: "P3 medium", P4: "P4 low" };
const VARIANT: Record<PriorityValue, "destructive" | "warning" | "secondary" | "outline"> = {
  P1: "destructive",
  P2: "warning",
  P3: "secondary",
  P4: "outline",
};

/** A ticket's priority as a badge: "P2 high" (the words say it, the colour only helps). */
export function PriorityBadge({ priority, className }: { priority: PriorityValue; className?: string }) {
  return (
    <Badge variant={VARIANT[priority]} className={className} data-testid="ticket-priority">
      {LABEL[priority]}
    </Badge>
  );
}
