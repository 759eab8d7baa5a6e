import { downloadRoute } from "@/server/attachments/http";
import { attachmentSettings } from "@/server/attachments/settings";
import { attachmentStore } from "@/server/attachments/store";

export const dynamic = "force-dynamic";

/** Downloads one attachment, for those who may see it (404 for anyone else): server/attachments/http.ts. */
export const GET = downloadRoute(async () => ({
  store: await attachmentStore(),
  maxBytes: attachmentSettings().maxBytes,
}));
