import { getCurrentSession } from "@/server/auth/current-user";
import { answeringUnavailableDatabase } from "@/server/db/unavailable";
import { requestIdsOf } from "@/server/http/request-id";
import { getDb } from "@/server/db/client";
import { handleUpload } from "@/server/attachments/http";
import { attachmentSettings } from "@/server/attachments/settings";
import { attachmentStore } from "@/server/attachments/store";
import { logger } from "@/server/logger";

export const dynamic = "force-dynamic";

/**
 * Uploads one file to a ticket (multipart: file, optional commentId, via = portal | console).
 * The proxy has already refused cross-site requests; the rules are in server/attachments/.
 */
async function upload(req: Request, { params }: { params: Promise<{ ticketId: string }> }) {
  const { ticketId } = await params;
  const session = await getCurrentSession();
  const { requestId } = requestIdsOf(req.headers);
  return handleUpload(req, ticketId, {
    db: getDb(),
    session,
    store: await attachmentStore(),
    maxBytes: attachmentSettings().maxBytes,
    log: logger.child({ requestId, userId: session?.user.id }),
  });
}

export const POST = answeringUnavailableDatabase(upload);
