import { getCurrentSession } from "@/server/auth/current-user";
import { answeringUnavailableDatabase } from "@/server/db/unavailable";
import { requestIdsOf } from "@/server/http/request-id";
import { getDb } from "@/server/db/client";
import { handleDownload } from "@/server/attachments/http";
import { attachmentSettings } from "@/server/attachments/settings";
import { attachmentStore } from "@/server/attachments/store";
import { logger } from "@/server/logger";

export const dynamic = "force-dynamic";

/** Downloads one attachment, for those who may see it (404 for anyone else). */
async function download(req: Request, { params }: { params: Promise<{ attachmentId: string }> }) {
  const { attachmentId } = await params;
  const session = await getCurrentSession();
  const { requestId } = requestIdsOf(req.headers);
  return handleDownload(attachmentId, {
    db: getDb(),
    session,
    store: await attachmentStore(),
    maxBytes: attachmentSettings().maxBytes,
    log: logger.child({ requestId, userId: session?.user.id }),
  });
}

export const GET = answeringUnavailableDatabase(download);
