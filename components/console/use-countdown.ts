"use client";
import { useEffect, useState } from "react";

/**
 * Seconds until `target` by the database clock (Date.now() + offset), ticking every second.
 * The clock restarts whenever the target changes: a countdown that appears later (a
 * reservation, the idle warning) must not start from the time the component mounted.
 */
export function useCountdown(target: Date | string | null | undefined, clockOffsetMs: number): number | null {
  const targetMs = target ? new Date(target).getTime() : null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (targetMs === null) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [targetMs]);
  if (targetMs === null) return null;
  return Math.max(0, Math.round((targetMs - (now + clockOffsetMs)) / 1000));
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatClock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}
