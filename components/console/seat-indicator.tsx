"use client";
import { Badge } from "@/components/ui/badge";
import { useSeat } from "./seat-provider";

/** The agent's seat in the header: named seat, seat n of N of a pool, or read-only. */
export function SeatIndicator() {
  const { status } = useSeat();
  if (!status)
    return (
      <Badge variant="outline" aria-live="polite">
        Checking seat…
      </Badge>
    );
  const { lease, license, queue } = status;
  let text: string;
  let variant: "success" | "warning" | "outline" | "destructive" = "success";
  if (lease?.kind === "NAMED") text = "Named seat";
  else if (lease)
    text = `${license?.pool?.name ?? "Pool"} · seat ${lease.seatNumber ?? "?"} of ${license?.pool?.size ?? "?"}`;
  else if (!license) {
    text = "Read-only · no license";
    variant = "outline";
  } else if (queue) {
    text = queue.reservedUntil ? "Seat reserved for you" : `Read-only · #${queue.position} in line`;
    variant = "warning";
  } else {
    text = "Read-only";
    variant = "warning";
  }
  return (
    <Badge variant={variant} data-testid="seat-indicator" aria-live="polite">
      {text}
    </Badge>
  );
}
