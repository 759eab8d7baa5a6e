import "server-only";

/**
 * A request body read up to `max` bytes: null as soon as it is longer (also when no
 * Content-Length says how long it is), so a body that never ends is never held in memory. Used by
 * /api/trpc's limits (server/http/trpc-limits.ts), /api/v1 (server/api/fetch-handler.ts) and SCIM
 * (server/scim/gate.ts).
 */
export async function readBodyBytes(body: ReadableStream<Uint8Array>, max: number): Promise<Buffer | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** A Fetch request's body as text, read up to `max` bytes (readBodyBytes); "" when there is none. */
export async function readBodyText(req: Request, max: number): Promise<string | null> {
  if (!req.body) return "";
  const bytes = await readBodyBytes(req.body, max);
  return bytes === null ? null : bytes.toString("utf8");
}
