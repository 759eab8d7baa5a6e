"use client";
import { useCallback, useState } from "react";

/** Cursor pagination that remembers the cursors seen, so "Previous" goes back exactly. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  return {
    cursor: cursors[page] ?? null,
    page,
    next: useCallback((cursor: string) => setCursors((c) => [...c, cursor]), []),
    previous: useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []),
    reset: useCallback(() => setCursors([null]), []),
  };
}
