import "server-only";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/text/storable";
import { ROLES } from "@/lib/auth/roles";
import { errorJson, passGate, routeGate, type KnownCaller, type RouteContext } from "../http/route-gate";
import { attachFile } from "./attach";
import { openAttachment } from "./read";
import { SNIFF_BYTES, tooLarge } from "./rules";
import type { AttachmentStore } from "./store";

/*
 * The HTTP side of attachments, apart from Next's route files so tests can call it with a plain
 * Request: app/api/tickets/[ticketId]/attachments/route.ts (upload) and
 * app/api/attachments/[attachmentId]/route.ts (download) are these, behind the route door
 * (server/http/route-gate.ts): anyone signed in, what they may see or change is the domain's rule
 * (server/attachments/attach.ts, read.ts). A console upload is a seat-gated write like any other
 * console change (the door's seatedWrite). Errors are the door's JSON { message, field, … }.
 */

export type AttachmentStorage = { store: AttachmentStore; maxBytes: number };
/** What the helpers below need: who calls (read by the route from its request) and the storage. */
export type AttachmentDeps = KnownCaller & AttachmentStorage;

/** Next's proxy reads at most this much of a request body (experimental.proxyClientMaxBodySize). */
const PROXY_BODY_LIMIT = 10 * 1024 * 1024;
/** Room for the multipart envelope around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** POST multipart/form-data: file, optional commentId, via = "portal" (default) or "console". */
export function handleUpload(req: Request, ticketRef: string, deps: AttachmentDeps): Promise<Response> {
  return passGate(req, ROLES, (ctx) => upload(ctx, ticketRef, deps), deps);
}

/** GET: the file as a download, for those who may see it; 404 for everyone else. */
export function handleDownload(req: Request, attachmentId: string, deps: AttachmentDeps): Promise<Response> {
  return passGate(req, ROLES, (ctx) => download(ctx, attachmentId, deps), deps);
}

/** The upload route, the caller read from its request by the door. */
export const uploadRoute = (storage: () => Promise<AttachmentStorage>) =>
  routeGate<{ ticketId: string }>(ROLES, async (ctx, { ticketId }) => upload(ctx, ticketId, await storage()));

/** The download route, likewise. */
export const downloadRoute = (storage: () => Promise<AttachmentStorage>) =>
  routeGate<{ attachmentId: string }>(ROLES, async (ctx, { attachmentId }) =>
    download(ctx, attachmentId, await storage()),
  );

async function upload(ctx: RouteContext, ticketRef: string, deps: AttachmentStorage): Promise<Response> {
  const { req } = ctx;
  // An address no ticket can have (a NUL, a broken Unicode sequence) is a ticket that does not exist.
  if (!isStorableText(ticketRef)) return errorJson(404, "This ticket does not exist.");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > deps.maxBytes + MULTIPART_OVERHEAD) throw tooLarge(deps.maxBytes);
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    // A body cut short by the proxy's limit reads as a broken form: say what it really is.
    if (declared > PROXY_BODY_LIMIT) throw tooLarge(deps.maxBytes);
    return errorJson(
      400,
      "The upload could not be read: send the file as a form (multipart/form-data) with a field named file.",
      { field: "file" },
    );
  }
  const file = form.get("file");
  if (!(file instanceof File)) return errorJson(400, "Choose a file to attach.", { field: "file" });
  const via = form.get("via") === "console" ? "console" : "portal";
  const commentId =
    typeof form.get("commentId") === "string" && form.get("commentId") ? String(form.get("commentId")) : null;
  if (!isStorableText(file.name) || (commentId !== null && !isStorableText(commentId)))
    return errorJson(400, UNSTORABLE_TEXT_MESSAGE, { field: "file" });
  const { user } = ctx.session;
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const attachment = await attachFile(
    ctx.db,
    { id: user.id, role: user.role, via },
    { ticketRef, commentId, file: { name: file.name, size: file.size, head, stream: () => file.stream() } },
    { store: deps.store, maxBytes: deps.maxBytes, ...(via === "console" ? { write: ctx.seatedWrite } : {}) },
  );
  ctx.log.info("attachment stored", {
    attachmentId: attachment.id,
    ticketId: attachment.ticketId,
    sizeBytes: attachment.sizeBytes,
  });
  return Response.json({ attachment }, { status: 201, headers: { "Cache-Control": "no-store" } });
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

async function download(ctx: RouteContext, attachmentId: string, deps: AttachmentStorage): Promise<Response> {
  if (!isStorableText(attachmentId)) return errorJson(404, "This file was not found among the files you can see.");
  const { user } = ctx.session;
  const file = await openAttachment(ctx.db, { id: user.id, role: user.role }, attachmentId, deps.store);
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
}
