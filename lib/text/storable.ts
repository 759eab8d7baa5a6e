/**
 * Text PostgreSQL can store and compare: no NUL character (text columns refuse it) and no lone
 * UTF-16 surrogate (not encodable as UTF-8). Checked at the door, on every string a client sends
 * (the storable-input middleware of server/trpc/init.ts, the route handlers), so such input gets a 400 with
 * this message instead of a database error.
 */
export const UNSTORABLE_TEXT_MESSAGE =
  "The text contains a character seatdesk cannot store (a NUL character or a broken Unicode sequence). " +
  "Remove it and try again.";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

/** The first string inside a value (keys included) that cannot be stored, with its path; null when all can. */
export function findUnstorableText(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (depth > 50) return null;
  if (typeof value === "string") return isStorableText(value) ? null : path;
  if (value === null || typeof value !== "object") return null;
  if (value instanceof Date) return null;
  if (value instanceof Map) return findUnstorableText(Object.fromEntries(value), path, depth + 1);
  if (value instanceof Set || Array.isArray(value)) {
    let i = 0;
    for (const item of value) {
      const found = findUnstorableText(item, [...path, String(i++)], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, "(a key)"];
    const found = findUnstorableText(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
