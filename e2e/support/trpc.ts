import type { APIRequestContext, APIResponse } from "@playwright/test";

/*
 * Calling tRPC procedures over HTTP as a page would (superjson envelope), to check what the
 * server answers regardless of what the UI offers.
 */

export const baseURL = () => process.env.E2E_BASE_URL ?? "http://localhost:3100";

export function trpcQuery(request: APIRequestContext, path: string): Promise<APIResponse> {
  return request.get(`/api/trpc/${path}`);
}

export function trpcMutation(
  request: APIRequestContext,
  path: string,
  input: unknown = null,
  headers: Record<string, string> = { Origin: baseURL() },
): Promise<APIResponse> {
  return request.post(`/api/trpc/${path}`, {
    data: { json: input },
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** The error message of a tRPC error response (superjson or plain). */
export async function trpcErrorMessage(response: APIResponse): Promise<string> {
  const body = (await response.json()) as { error?: { json?: { message?: string }; message?: string } };
  return body.error?.json?.message ?? body.error?.message ?? "";
}
