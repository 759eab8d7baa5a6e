import { connection } from "next/server";
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE } from "@/server/db/unavailable";
import { isDatabaseReachable } from "@/server/db/reachability";

/**
 * Whether the database is reachable as the server last saw it (server/db/reachability.ts), for the
 * error page (app/error.tsx) to say why a page failed: production hides the error's message from
 * the browser. It tells no more than a 503 of any page would, so it needs no session, and it costs
 * the database nothing.
 */
export async function GET(): Promise<Response> {
  await connection(); // per request, never prerendered
  const headers = { "Cache-Control": "no-store" };
  if (isDatabaseReachable()) return Response.json({ database: "reachable" }, { headers });
  return Response.json(
    { database: "unavailable", message: DATABASE_UNAVAILABLE_MESSAGE },
    { status: 503, headers: { ...headers, "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) } },
  );
}
