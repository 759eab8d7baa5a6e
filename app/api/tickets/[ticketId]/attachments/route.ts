import { uploadRoute } from "@/server/attachments/http";
import { attachmentSettings } from "@/server/attachments/settings";
import { attachmentStore } from "@/server/attachments/store";

export const dynamic = "force-dynamic";

/**
 * Uploads one file to a ticket (multipart: file, optional commentId, via = portal | console):
 * server/attachments/http.ts, behind the same door as every route handler.
 */
export const POST = uploadRoute(async () => ({
  store: await attachmentStore(),
  maxBytes: attachmentSettings().maxBytes,
}));
