import { apiDocsHtml } from "@/server/api/docs-page";

export const dynamic = "force-dynamic";

/** The OpenAPI document as a page people read (no script: the app's CSP holds). */
export function GET() {
  return new Response(apiDocsHtml(), { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
