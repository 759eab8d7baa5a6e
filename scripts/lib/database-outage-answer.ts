import type http from "node:http";
import { DATABASE_RETRY_AFTER_SECONDS } from "../../server/db/unavailable";
import { isDatabaseReachable } from "../../server/db/reachability";

/**
 * A page whose server render failed because the database is out of reach (a PostgreSQL restart)
 * is answered 503 with Retry-After, not Next's 500 (issue 11): Next writes the status itself, so
 * the response's writeHead is wrapped (node's implicit headers go through it too). The body stays
 * Next's error page, whose boundary (app/error.tsx) asks /api/status/database and says why. Any
 * other status, or a 500 while the database is reachable, passes untouched: one comparison.
 */
export function databaseOutageAnswer(res: http.ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, statusCode: number, ...rest: unknown[]) {
    if (statusCode !== 500 || isDatabaseReachable()) return writeHead.apply(this, [statusCode, ...rest] as never);
    this.setHeader("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
    this.setHeader("Cache-Control", "no-store");
    // The status message, when given, said 500's; node supplies 503's.
    const headers = typeof rest[0] === "string" ? rest.slice(1) : rest;
    return writeHead.apply(this, [503, ...headers] as never);
  } as typeof res.writeHead;
}
