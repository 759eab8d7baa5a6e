import "server-only";

/*
 * CSRF: a state-changing request (anything but GET/HEAD/OPTIONS) must come from the app's own
 * origin. Browsers send Origin on such requests; a missing Origin is allowed only when the Fetch
 * metadata says same-origin (or there is none, as from curl, which carries no cookies of a
 * victim). Used by proxy.ts for every route, and by the tRPC route itself, which the proxy skips
 * (the proxy costs every request a few milliseconds, and tRPC is the app's busiest route).
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const CROSS_SITE_MESSAGE =
  "Cross-site request refused: state-changing requests must come from seatdesk's own pages.";

function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (origin) {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  const site = headers.get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

/** True when the request changes state and does not come from seatdesk's own pages. */
export function isCrossSiteWrite(req: Request): boolean {
  return !SAFE_METHODS.has(req.method) && !isSameOrigin(req.headers);
}

/**
 * True only when the request verifiably comes from seatdesk's own pages: the Fetch metadata says
 * same-origin, or (without it) the Origin is the app's. A GET with neither is not: a cross-site
 * top-level navigation of an older browser carries the session cookie (SameSite=Lax) and neither
 * header. Side effects that a read may cause (checking a seat out on an agent's first call,
 * server/trpc/middleware/seat.ts) require this; a write without any metadata (curl, scripts) is
 * allowed as in isCrossSiteWrite, since it carries no victim's cookies.
 */
export function isSameOriginRequest(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" && isSameOrigin(req.headers);
  if (req.headers.get("origin") !== null) return isSameOrigin(req.headers);
  return !SAFE_METHODS.has(req.method);
}

/** The 403 answer to a cross-site write. */
export function crossSiteRefusal(): Response {
  return Response.json({ error: "Forbidden", message: CROSS_SITE_MESSAGE }, { status: 403 });
}
