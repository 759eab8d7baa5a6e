import "server-only";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/text/storable";
import type { Db } from "../db/client";
import type { ValidSession } from "../auth/auth-sessions";
import { isAppError, type AppError, type AppErrorCode } from "../errors";
import { databaseUnavailableResponse } from "../db/unavailable";
import type { Logger } from "../logger";
import { attachFile } from "./attach";
import { openAttachment } from "./read";
import { SNIFF_BYTES, tooLarge, type AttachmentRefusalDetails } from "./rules";
import type { AttachmentStore } from "./store";

/*
 * The HTTP side of attachments, apart from Next's route files so tests can call it with a plain
 * Request: app/api/tickets/[ticketId]/attachments/route.ts (upload) and
 * app/api/attachments/[attachmentId]/route.ts (download) only read the session and call these.
 * Answers are JSON { message, field? } for errors, with the status a client can act on.
 */

export type AttachmentDeps = {
  db: Db;
  session: ValidSession | null;
  store: AttachmentStore;
  maxBytes: number;
  log: Logger;
};

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PRECONDITION_FAILED: 412,
  UNPROCESSABLE_CONTENT: 422,
};
/** Next's proxy reads at most this much of a request body (experimental.proxyClientMaxBodySize). */
const PROXY_BODY_LIMIT = 10 * 1024 * 1024;
/** Room for the multipart envelope around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

const json = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
const signInFirst = () => json(401, { message: "Sign in to continue: your session has ended." });

function errorResponse(error: AppError, deps: AttachmentDeps): Response {
  const status = (error.details as Partial<AttachmentRefusalDetails> | undefined)?.httpStatus ?? STATUS[error.code];
  deps.log.info("attachment refused", { status, message: error.message });
  return json(status, { message: error.message, field: error.field ?? null, details: error.details ?? null });
}

/** POST multipart/form-data: file, optional commentId, via = "portal" (default) or "console". */
export async function handleUpload(req: Request, ticketRef: string, deps: AttachmentDeps): Promise<Response> {
  if (!deps.session) return signInFirst();
  // An address no ticket can have (a NUL, a broken Unicode sequence) is a ticket that does not exist.
  if (!isStorableText(ticketRef)) return json(404, { message: "This ticket does not exist.", field: null });
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > deps.maxBytes + MULTIPART_OVERHEAD) return errorResponse(tooLarge(deps.maxBytes), deps);
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    // A body cut short by the proxy's limit reads as a broken form: say what it really is.
    if (declared > PROXY_BODY_LIMIT) return errorResponse(tooLarge(deps.maxBytes), deps);
    return json(400, {
      message: "The upload could not be read: send the file as a form (multipart/form-data) with a field named file.",
      field: "file",
    });
  }
  const file = form.get("file");
  if (!(file instanceof File)) return json(400, { message: "Choose a file to attach.", field: "file" });
  const via = form.get("via") === "console" ? "console" : "portal";
  const commentId =
    typeof form.get("commentId") === "string" && form.get("commentId") ? String(form.get("commentId")) : null;
  if (!isStorableText(file.name) || (commentId !== null && !isStorableText(commentId)))
    return json(400, { message: UNSTORABLE_TEXT_MESSAGE, field: "file" });
  const { user } = deps.session;
  try {
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    const attachment = await attachFile(
      deps.db,
      { id: user.id, role: user.role, via },
      { ticketRef, commentId, file: { name: file.name, size: file.size, head, stream: () => file.stream() } },
      { store: deps.store, maxBytes: deps.maxBytes },
    );
    deps.log.info("attachment stored", {
      attachmentId: attachment.id,
      ticketId: attachment.ticketId,
      sizeBytes: attachment.sizeBytes,
    });
    return json(201, { attachment });
  } catch (error) {
    if (isAppError(error)) return errorResponse(error, deps);
    const unavailable = databaseUnavailableResponse(error);
    if (unavailable) return unavailable;
    deps.log.error("attachment upload failed", { error: error instanceof Error ? error.message : String(error) });
    return json(500, { message: "The file could not be stored. Please try again." });
  }
}

/** Content-Disposition for a download: an ASCII fallback and the exact name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** GET: the file as a download, for those who may see it; 404 for everyone else. */
export async function handleDownload(attachmentId: string, deps: AttachmentDeps): Promise<Response> {
  if (!deps.session) return signInFirst();
  if (!isStorableText(attachmentId))
    return json(404, { message: "This file was not found among the files you can see." });
  const { user } = deps.session;
  try {
    const file = await openAttachment(deps.db, { id: user.id, role: user.role }, attachmentId, deps.store);
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.sizeBytes),
        "Content-Disposition": contentDisposition(file.fileName),
        "X-Content-Type-Options": "nosniff",
        // Never rendered as a page, even if opened directly: no scripts, no plugins.
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (isAppError(error)) return json(STATUS[error.code], { message: error.message });
    const unavailable = databaseUnavailableResponse(error);
    if (unavailable) return unavailable;
    throw error;
  }
}
