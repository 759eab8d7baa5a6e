import "server-only";
import { isIP } from "node:net";
import { env } from "../env";

/*
 * The client's network address, for limits per address (the sign-in throttle). Next puts the
 * socket's address in X-Forwarded-For when a request has none, and keeps one a client sent. A
 * reverse proxy that appends to the header (nginx's $proxy_add_x_forwarded_for) makes the entry
 * it added trustworthy: TRUSTED_PROXY_HOPS (default 1) says which entry, counted from the right,
 * is the client as seen by the outermost proxy. Served directly, without such a proxy, a client
 * can name its own address; put seatdesk behind one (README, Security).
 */
export function clientAddressOf(headers: Headers | Record<string, string | string[] | undefined>): string | null {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  if (!value) return null;
  const entries = value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const entry = entries[entries.length - Math.min(env.TRUSTED_PROXY_HOPS, entries.length)];
  if (!entry) return null;
  // "::ffff:10.0.0.1" and "10.0.0.1" are one client; anything that is no address is ignored.
  const address = entry.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(address) ? address.toLowerCase() : null;
}
