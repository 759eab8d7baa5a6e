import type { APIRequestContext } from "@playwright/test";
import { baseURL, trpcMutation } from "./trpc";

/** Tickets arranged through the portal's own procedures and upload route, as a signed-in person. */

export type CreatedTicket = { id: string; displayNumber: string };

export async function createPortalTicket(
  request: APIRequestContext,
  input: { type?: "INCIDENT" | "REQUEST"; title: string; description?: string },
): Promise<CreatedTicket> {
  const response = await trpcMutation(request, "portalTickets.create", { type: "INCIDENT", ...input });
  if (!response.ok()) throw new Error(`Creating the ticket failed with ${response.status()}: ${await response.text()}`);
  const body = (await response.json()) as { result: { data: { json: CreatedTicket } } };
  return body.result.data.json;
}

/** Uploads one file to a ticket through POST /api/tickets/{id}/attachments; the JSON answer. */
export async function uploadFile(
  request: APIRequestContext,
  ticketId: string,
  file: { name: string; mimeType: string; buffer: Buffer },
  fields: Record<string, string> = {},
) {
  const response = await request.post(`/api/tickets/${ticketId}/attachments`, {
    multipart: { file, ...fields },
    headers: { Origin: baseURL() },
  });
  return {
    status: response.status(),
    body: (await response.json()) as { attachment?: { id: string; fileName: string }; message?: string },
  };
}

/** A tiny valid PNG (1x1), for uploads that must pass the content check. */
export const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
