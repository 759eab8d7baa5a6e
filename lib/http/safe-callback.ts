/**
 * Where to go after sign-in: only a path of this app (no open redirect). A value is accepted when,
 * resolved against the app's origin the way a browser resolves it (`new URL(value, origin)`), it
 * keeps that origin; the browser's own parser is the judge, so `/\evil.example` (a backslash is a
 * slash in http URLs) and `/<TAB>/evil.example` (tabs and line breaks are dropped) are refused as
 * the protocol-relative `//evil.example` they become. The path returned is the resolved one, so
 * what is followed is exactly what was checked. Used by the sign-in page and its form.
 */

/** Any origin works for the check (a path never names one); this one can never be reached. */
const CHECK_ORIGIN = "https://seatdesk.invalid";
const MAX_LENGTH = 2000;

export function safeCallbackPath(value: unknown, origin: string = CHECK_ORIGIN): string | null {
  const raw = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  if (!raw.startsWith("/")) return null;
  // Backslashes and control characters have no place in a path this app writes: refuse them
  // outright rather than rely on every parser that later reads the value agreeing.
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  let base: URL;
  let resolved: URL;
  try {
    base = new URL(origin);
    resolved = new URL(raw, base);
  } catch {
    return null;
  }
  if (resolved.origin !== base.origin) return null;
  return resolved.pathname + resolved.search + resolved.hash;
}
