import "server-only";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_ATTACHMENT_MAX_BYTES } from "@/lib/validation/attachments";

/*
 * Attachment settings, validated once when first used:
 * - ATTACHMENT_STORE: `disk` (default) keeps the bytes under ATTACHMENTS_DIR, `postgres` in the
 *   database, shared by every instance (README, "Faults and scale-out", says why disk is the default);
 * - ATTACHMENTS_DIR: where the local-disk store keeps files (default .data/attachments under the
 *   working directory, next to the embedded database);
 * - ATTACHMENT_MAX_BYTES: the largest file accepted (default 10 MB).
 * (Kept here rather than in server/env.ts so the store stays self-contained; both are optional.)
 */
const schema = z.object({
  ATTACHMENT_STORE: z
    .enum(["disk", "postgres"], { error: "ATTACHMENT_STORE must be disk or postgres" })
    .default("disk"),
  ATTACHMENTS_DIR: z.string().min(1).optional(),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number({ error: "ATTACHMENT_MAX_BYTES must be a number of bytes" })
    .int()
    .positive()
    .default(DEFAULT_ATTACHMENT_MAX_BYTES),
});

export type AttachmentSettings = { store: "disk" | "postgres"; dir: string; maxBytes: number };

let cached: AttachmentSettings | undefined;

export function attachmentSettings(): AttachmentSettings {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success)
    throw new Error(
      `seatdesk's attachment settings are ` +
        `invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  // A folder chosen at run time: the build must not trace (and bundle) the whole project for it.
  cached = {
    store: parsed.data.ATTACHMENT_STORE,
    dir: path.resolve(
      /*turbopackIgnore: true*/ parsed.data.ATTACHMENTS_DIR ??
        path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "attachments"),
    ),
    maxBytes: parsed.data.ATTACHMENT_MAX_BYTES,
  };
  return cached;
}
