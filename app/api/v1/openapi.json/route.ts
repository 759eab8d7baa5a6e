import { openApiDocument } from "@/server/api/openapi";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of /api/v1, generated from the procedures (public: it holds no data). */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "no-cache" } });
}
