import { getDb } from "@/server/db/client";
import { handleScim } from "@/server/scim/gate";
import { routeScim } from "@/server/scim/router";

export const dynamic = "force-dynamic";

/**
 * SCIM 2.0 provisioning (RFC 7643, 7644) for identity providers: every method goes through the
 * one gate (server/scim/gate.ts: the connection's bearer token, the body, SCIM errors).
 */
type Params = { params: Promise<{ path?: string[] }> };

async function handle(req: Request, { params }: Params): Promise<Response> {
  const { path = [] } = await params;
  return handleScim(getDb(), req, path, routeScim);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
