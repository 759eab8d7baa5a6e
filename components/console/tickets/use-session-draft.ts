"use client";
import { useCallback, useState } from "react";

/**
 * A draft kept in this tab's sessionStorage under `key` until it is sent: what the agent typed
 * survives a reload, a lost seat (the console turns read-only, the text stays) and a failed
 * save. Cleared explicitly once the server accepted it. Read when the component mounts, so use
 * it in components that mount in the browser (after their data loaded), keyed by what the key
 * names (e.g. `key={ticket.id}`).
 */
export function useSessionDraft<T>(key: string, initial: T): [T, (next: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => readDraft<T>(key) ?? initial);
  const update = useCallback(
    (next: T) => {
      setValue(next);
      writeDraft(key, next);
    },
    [key],
  );
  const clear = useCallback(() => {
    removeDraft(key);
    setValue(initial);
  }, [key, initial]);
  return [value, update, clear];
}

export function readDraft<T>(key: string): T | null {
  if (typeof window === "undefined") return null;
  try {
    const raw = window.sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, value: unknown): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the draft still lives in the page.
  }
}

export function removeDraft(key: string): void {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // Nothing to remove.
  }
}
