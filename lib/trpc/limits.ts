/**
 * Limits of one request to /api/trpc, shared by the browser's batch link (which splits its
 * batches to fit) and the server's check (server/http/trpc-limits.ts, which refuses the rest).
 * The largest body the app sends is a 20,000-character text (a description, an article) in
 * JSON: at most about 120 kB, so 1 MiB leaves room without letting one request be unbounded.
 */
export const TRPC_MAX_BATCH_SIZE = 20;
export const TRPC_MAX_BODY_BYTES = 1024 * 1024;
