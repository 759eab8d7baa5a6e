"use client";
import { LockIcon } from "lucide-react";
import { useSeat } from "@/components/console/seat-provider";

/** Beside disabled write controls: why they are disabled (the seat banner above says more). */
export function ReadOnlyNote({ what = "change this ticket" }: { what?: string }) {
  const { readOnly, status } = useSeat();
  if (!readOnly || !status) return null;
  return (
    <p className="flex items-center gap-1.5 text-xs text-muted-foreground" data-testid="read-only-reason">
      <LockIcon className="size-3.5" aria-hidden />
      Read-only: you need a seat to {what}.{" "}
      {status.license ? "See the seat notice at the top of the page." : "You have no seat license."}
    </p>
  );
}
