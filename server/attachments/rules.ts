import "server-only";
import { AppError } from "../errors";
import {
  ALLOWED_ATTACHMENTS,
  ALLOWED_DESCRIPTION,
  extensionOf,
  formatBytes,
  type AttachmentKind,
} from "@/lib/validation/attachments";

/*
 * What may be attached. A file passes when (1) its name ends in an allowed extension, (2) it is
 * not larger than the limit, and (3) its first bytes agree with that extension: an image or a
 * PDF must start with its format's signature, an Office file with a ZIP or OLE header, a text
 * file must hold no NUL bytes and not be markup or a script. Executables, HTML and SVG are
 * never allowed whatever their name. The content type stored and served comes from the
 * extension table, never from what the browser claimed.
 *
 * Refusals are AppErrors with details.httpStatus (413 too large, 415 type) and field "file".
 */

export type AttachmentRefusalDetails = { httpStatus: 413 | 415 | 400; reason: "too-large" | "type" | "empty" };

/** How many first bytes the content check looks at. */
export const SNIFF_BYTES = 8192;
const MAX_NAME = 200;

export function tooLarge(maxBytes: number, fileName?: string, size?: number): AppError<AttachmentRefusalDetails> {
  const what =
    fileName && size !== undefined
      ? `${fileName} is ${formatBytes(size)}`
      : fileName
        ? `${fileName} is too large`
        : "This file is too large";
  return new AppError(
    "BAD_REQUEST",
    `${what}: files can be at most ${formatBytes(maxBytes)}.`,
    { httpStatus: 413, reason: "too-large" },
    "file",
  );
}

const refusedType = (message: string) =>
  new AppError<AttachmentRefusalDetails>("BAD_REQUEST", message, { httpStatus: 415, reason: "type" }, "file");

/**
 * The file name as kept and shown: the last path segment only ("../../etc/passwd" -> "passwd",
 * "C:\\x\\a.pdf" -> "a.pdf"), without control or bidirectional-override characters, at most
 * 200 characters (the extension kept). It is only ever shown as text and sent in
 * Content-Disposition; it never becomes part of a path on disk.
 */
export function safeFileName(raw: string): string {
  const base = (raw.normalize("NFC").split(/[\\/]/).pop() ?? "")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .trim()
    .replace(/^\.+/, "");
  if (!base) return "attachment";
  if (base.length <= MAX_NAME) return base;
  const ext = extensionOf(base);
  return ext && ext.length < 20 ? `${base.slice(0, MAX_NAME - ext.length - 1)}.${ext}` : base.slice(0, MAX_NAME);
}

export type AcceptedFile = { fileName: string; extension: string; contentType: string; kind: AttachmentKind };

/** Checks the name and the announced size: which type the file will be stored as. */
export function checkFileName(rawName: string, size: number, maxBytes: number): AcceptedFile {
  const fileName = safeFileName(rawName);
  if (size === 0)
    throw new AppError<AttachmentRefusalDetails>(
      "BAD_REQUEST",
      `${fileName} is empty: choose a file with something in it.`,
      { httpStatus: 400, reason: "empty" },
      "file",
    );
  if (size > maxBytes) throw tooLarge(maxBytes, fileName, size);
  const extension = extensionOf(fileName);
  const allowed = ALLOWED_ATTACHMENTS[extension];
  if (!allowed) {
    const said = extension ? `.${extension} files` : "Files without an extension";
    throw refusedType(`${said} cannot be attached (${fileName}). You can attach ${ALLOWED_DESCRIPTION}.`);
  }
  return { fileName, extension, contentType: allowed.contentType, kind: allowed.kind };
}

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: Record<string, (head: Uint8Array) => boolean> = {
  png: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpg: (h) => startsWith(h, [0xff, 0xd8, 0xff]),
  jpeg: (h) => startsWith(h, [0xff, 0xd8, 0xff]),
  gif: (h) => startsWith(h, ascii("GIF87a")) || startsWith(h, ascii("GIF89a")),
  webp: (h) => startsWith(h, ascii("RIFF")) && startsWith(h, ascii("WEBP"), 8),
  pdf: (h) => startsWith(h, ascii("%PDF-")),
};
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_OFFICE = new Set(["docx", "xlsx", "pptx", "odt", "ods", "odp"]);

/** Executables, whatever the file is called: Windows PE, ELF, Mach-O, Java classes. */
function isExecutable(h: Uint8Array): boolean {
  return (
    startsWith(h, ascii("MZ")) ||
    startsWith(h, [0x7f, 0x45, 0x4c, 0x46]) ||
    startsWith(h, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(h, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(h, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(h, [0xca, 0xfe, 0xba, 0xbe])
  );
}

/** Text that a browser or shell would treat as a page or a program. */
function isMarkupOrScript(h: Uint8Array): boolean {
  const start = new TextDecoder("utf-8", { fatal: false })
    .decode(h.subarray(0, 512))
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  return start.startsWith("#!") || /^<(!doctype\s+html|html|head|body|script|svg|\?xml|iframe)\b/.test(start);
}

const KIND_WORDS: Record<AttachmentKind, string> = {
  image: "an image",
  pdf: "a PDF",
  text: "a text file",
  office: "an Office document",
};

/** Checks the file's first bytes against the type its name gave it. */
export function checkContent(file: AcceptedFile, head: Uint8Array): void {
  const mismatch = () =>
    refusedType(
      `${file.fileName} does not look ` +
        `like ${file.kind === "image" ? `a ${file.extension.toUpperCase()} image` : KIND_WORDS[file.kind]}: its ` +
        `content does not match its name, so it was not attached.`,
    );
  if (isExecutable(head)) throw refusedType(`${file.fileName} is a program: programs cannot be attached.`);
  switch (file.kind) {
    case "image":
    case "pdf":
      if (!SIGNATURES[file.extension]?.(head)) throw mismatch();
      return;
    case "office":
      if (!(ZIP_OFFICE.has(file.extension) ? startsWith(head, ZIP) : startsWith(head, OLE))) throw mismatch();
      return;
    case "text":
      if (head.includes(0)) throw mismatch();
      if (isMarkupOrScript(head))
        throw refusedType(
          `${file.fileName} holds a web page, markup or a script: those cannot be attached. Attach a ` +
            `screenshot or a PDF instead.`,
        );
      return;
  }
}
