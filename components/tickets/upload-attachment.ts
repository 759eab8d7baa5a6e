/** One uploaded file, as the upload route answers it. */
export type UploadedAttachment = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
};
export type UploadResult =
  { ok: true; attachment: UploadedAttachment } | { ok: false; status: number; message: string; file: string };

/**
 * Sends one file to POST /api/tickets/{ticketId}/attachments. `via`: "portal" (a requester's
 * powers, public only) or "console" (an agent's, needs a live seat). `commentId` attaches it
 * to that reply or note, which decides who sees it.
 */
export async function uploadAttachment(
  ticketId: string,
  file: File,
  options: { via: "portal" | "console"; commentId?: string },
): Promise<UploadResult> {
  const form = new FormData();
  form.set("file", file);
  form.set("via", options.via);
  if (options.commentId) form.set("commentId", options.commentId);
  try {
    const response = await fetch(`/api/tickets/${encodeURIComponent(ticketId)}/attachments`, {
      method: "POST",
      body: form,
    });
    const body = (await response.json().catch(() => null)) as {
      attachment?: UploadedAttachment;
      message?: string;
    } | null;
    if (response.ok && body?.attachment) return { ok: true, attachment: body.attachment };
    return {
      ok: false,
      status: response.status,
      message: body?.message ?? `${file.name} could not be attached (error ${response.status}).`,
      file: file.name,
    };
  } catch {
    return {
      ok: false,
      status: 0,
      message: `${file.name} could not be sent: check your connection and try again.`,
      file: file.name,
    };
  }
}

/** Uploads files one after the other; the refusals, in order (empty when all went through). */
export async function uploadAll(
  ticketId: string,
  files: readonly File[],
  options: { via: "portal" | "console"; commentId?: string },
): Promise<UploadResult[]> {
  const refused: UploadResult[] = [];
  for (const file of files) {
    const result = await uploadAttachment(ticketId, file, options);
    if (!result.ok) refused.push(result);
  }
  return refused;
}
