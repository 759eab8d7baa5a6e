import { handleApiV1Request } from "@/server/api/fetch-handler";

export const dynamic = "force-dynamic";

/**
 * The API for programs (README "API for programs"). With the custom server (npm start) the lean
 * path (server/http/) serves /api/v1 before Next sees it; this route serves it wherever Next
 * alone runs, through the same gate.
 */
function handler(req: Request) {
  const from = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  return handleApiV1Request(req, from);
}

export { handler as GET, handler as POST, handler as PATCH, handler as PUT, handler as DELETE };
