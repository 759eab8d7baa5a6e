import "server-only";

/**
 * A Fetch request's body as text, read up to `max` bytes: null as soon as it is longer (also when no
 * Content-Length says how long it is), so a body that never ends is never held in memory. "" when
 * there is none. Used by /api/v1 (server/api/fetch-handler.ts) and SCIM (server/scim/gate.ts).
 */
export async function readBodyText(req: Request, max: number): Promise<string | null> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
