"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorDetails } from "@/lib/trpc/errors";

/**
 * For every console write's onError: a refusal for lack of a seat (the seat ended, the pool is
 * full, no license) refreshes the seat status at once, so the banner says why and the console
 * turns read-only; what was typed stays where it is.
 */
export function useSeatRefusalRefresh(): (error: unknown) => boolean {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (error) => {
    const seat = errorDetails<{ seat?: string }>(error)?.seat;
    if (seat) void queryClient.invalidateQueries({ queryKey: trpc.seat.status.queryKey() });
    return Boolean(seat);
  };
}
