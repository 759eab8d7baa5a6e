"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { toast } from "@/components/ui/toaster";
import type { AppRouter } from "@/server/routers/_app";

export type SeatStatus = inferRouterOutputs<AppRouter>["seat"]["status"];

type SeatContextValue = {
  status: SeatStatus | undefined;
  /** True when the console must not offer changes: no live seat. */
  readOnly: boolean;
  /** Milliseconds to add to Date.now() to get the database clock. */
  clockOffsetMs: number;
  busy: boolean;
  takeSeat: () => void;
  giveBack: () => void;
  joinLine: () => void;
  leaveLine: () => void;
  requestRelease: () => void;
  stay: () => void;
};

const SeatContext = createContext<SeatContextValue | null>(null);

export function useSeat(): SeatContextValue {
  const value = useContext(SeatContext);
  if (!value) throw new Error("useSeat must be used inside <SeatProvider>");
  return value;
}

const ACTIVITY_EVENTS = ["keydown", "pointerdown", "wheel", "touchstart", "input"] as const;

/**
 * Keeps the agent's seat: reports presence from this tab on an interval and whether the person
 * really used it since the last report (an open but untouched tab is not activity), polls faster
 * while waiting in line, and tells the agent when the seat ends or a reserved one is waiting.
 */
export function SeatProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const statusKey = trpc.seat.status.queryKey();
  const statusQuery = useQuery(trpc.seat.status.queryOptions(undefined, { refetchOnWindowFocus: true }));
  const status = statusQuery.data;
  const activeSinceLastBeat = useRef(false);
  // The database clock minus this browser's, measured when the status arrived.
  const clockOffsetMs = status ? new Date(status.now).getTime() - statusQuery.dataUpdatedAt : 0;

  const setStatus = useCallback(
    (next: SeatStatus) => {
      queryClient.setQueryData(statusKey, next);
    },
    [queryClient, statusKey],
  );

  useEffect(() => {
    const mark = () => {
      activeSinceLastBeat.current = true;
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, mark, { passive: true, capture: true });
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, mark, { capture: true });
    };
  }, []);

  const heartbeat = useMutation(trpc.seat.heartbeat.mutationOptions({ onSuccess: setStatus }));
  const { mutate: beat } = heartbeat;
  const waiting = Boolean(status?.queue);
  const intervalMs = waiting ? 3000 : (status?.heartbeatSeconds ?? 15) * 1000;
  useEffect(() => {
    const timer = setInterval(() => {
      const active = activeSinceLastBeat.current;
      activeSinceLastBeat.current = false;
      beat({ active });
    }, intervalMs);
    return () => clearInterval(timer);
  }, [beat, intervalMs]);

  // Tell the agent, once, when their seat ends under them or a reserved seat waits for them.
  const previous = useRef<SeatStatus | undefined>(undefined);
  useEffect(() => {
    const before = previous.current;
    previous.current = status;
    if (!before || !status) return;
    if (before.lease && !status.lease)
      toast.warning("Your seat was released", {
        description: `${status.lastEnd?.message ?? ""} The console is read-only; nothing you typed is lost.`,
      });
    const reservedUntil = status.queue?.reservedUntil;
    if (!before.queue?.reservedUntil && reservedUntil) {
      // The reservation's length is configurable: say what is left of it, by the database clock.
      const minutes = Math.max(
        1,
        Math.round((new Date(reservedUntil).getTime() - (Date.now() + clockOffsetMs)) / 60_000),
      );
      toast.success("A seat is reserved for you", {
        description: `Take it within ${minutes} minute${minutes === 1 ? "" : "s"}; then it passes to the next in line.`,
      });
    }
  }, [status, clockOffsetMs]);

  const afterAction = useCallback(
    () => queryClient.invalidateQueries({ queryKey: statusKey }),
    [queryClient, statusKey],
  );
  const onError = (error: unknown) => toast.error(errorMessage(error));
  const checkout = useMutation(
    trpc.seat.checkout.mutationOptions({
      onSuccess: (r) => {
        if (r.status === "granted") toast.success("You have a seat: the console is yours to work.");
        else if (r.status === "refused") toast.error("No seat is free right now.");
        else if (r.status === "unlicensed") toast.error("You have no seat license.");
      },
      onError,
      onSettled: afterAction,
    }),
  );
  const release = useMutation(
    trpc.seat.release.mutationOptions({
      onSuccess: () => toast.success("Seat given back. Thank you!"),
      onError,
      onSettled: afterAction,
    }),
  );
  const join = useMutation(
    trpc.seat.joinLine.mutationOptions({
      onSuccess: (r) => toast.success(`You are number ${r.position} in line.`),
      onError,
      onSettled: afterAction,
    }),
  );
  const leave = useMutation(
    trpc.seat.leaveLine.mutationOptions({
      onSuccess: () => toast("You left the line."),
      onError,
      onSettled: afterAction,
    }),
  );
  const nudge = useMutation(
    trpc.seat.requestRelease.mutationOptions({
      onSuccess: (r) =>
        r.sent
          ? toast.success("The seat holders were asked to release a seat they no longer need.")
          : toast(`You asked recently; you can ask again in ${Math.ceil(r.retryInSeconds / 60)} min.`),
      onError,
    }),
  );

  const value = useMemo<SeatContextValue>(
    () => ({
      status,
      readOnly: !status?.lease,
      clockOffsetMs,
      busy: checkout.isPending || release.isPending || join.isPending || leave.isPending,
      takeSeat: () => checkout.mutate(),
      giveBack: () => release.mutate(),
      joinLine: () => join.mutate(),
      leaveLine: () => leave.mutate(),
      requestRelease: () => nudge.mutate(),
      stay: () => beat({ active: true }),
    }),
    [status, clockOffsetMs, checkout, release, join, leave, nudge, beat],
  );
  return <SeatContext.Provider value={value}>{children}</SeatContext.Provider>;
}
