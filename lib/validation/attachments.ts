/*
 * Which files may be attached to tickets, shared by the upload picker (a first check in the
 * browser, so a form keeps what was typed) and the server (server/attachments/rules.ts, which
 * also checks the file's first bytes and is the one that decides). The type stored and served is
 * always the one from this table, never what the browser claimed.
 */

export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export type AttachmentKind = "image" | "pdf" | "text" | "office";

export const ALLOWED_ATTACHMENTS: Record<string, { contentType: string; kind: AttachmentKind }> = {
  png: { contentType: "image/png", kind: "image" },
  jpg: { contentType: "image/jpeg", kind: "image" },
  jpeg: { contentType: "image/jpeg", kind: "image" },
  gif: { contentType: "image/gif", kind: "image" },
  webp: { contentType: "image/webp", kind: "image" },
  pdf: { contentType: "application/pdf", kind: "pdf" },
  txt: { contentType: "text/plain; charset=utf-8", kind: "text" },
  log: { contentType: "text/plain; charset=utf-8", kind: "text" },
  csv: { contentType: "text/csv; charset=utf-8", kind: "text" },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", kind: "office" },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", kind: "office" },
  pptx: { contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", kind: "office" },
  doc: { contentType: "application/msword", kind: "office" },
  xls: { contentType: "application/vnd.ms-excel", kind: "office" },
  ppt: { contentType: "application/vnd.ms-powerpoint", kind: "office" },
  odt: { contentType: "application/vnd.oasis.opendocument.text", kind: "office" },
  ods: { contentType: "application/vnd.oasis.opendocument.spreadsheet", kind: "office" },
  odp: { contentType: "application/vnd.oasis.opendocument.presentation", kind: "office" },
};

export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED_ATTACHMENTS);
/** For <input type="file" accept>: a hint to the file dialog, not a check. */
export const ATTACHMENT_ACCEPT = ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(",");
export const ALLOWED_DESCRIPTION = "images (PNG, JPEG, GIF, WebP), PDF, text, CSV and log files, and Office documents";

/** The last extension of a file name, lower-cased ("Report.PDF" -> "pdf"), or "" without one. */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/**
 * The browser-side check of a chosen file (name and size only): null when it may be sent, else
 * the message to show beside the picker. The server checks again, and also the content.
 */
export function attachmentProblem(file: { name: string; size: number }, maxBytes: number): string | null {
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > maxBytes)
    return `${file.name} is ${formatBytes(file.size)}: files can be at most ${formatBytes(maxBytes)}.`;
  if (!ALLOWED_ATTACHMENTS[extensionOf(file.name)])
    return `${file.name} cannot be attached: you can attach ${ALLOWED_DESCRIPTION}.`;
  return null;
}
