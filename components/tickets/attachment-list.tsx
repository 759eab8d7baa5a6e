import { FileIcon, PaperclipIcon } from "lucide-react";
import { formatBytes } from "@/lib/validation/attachments";
import { cn } from "@/lib/utils";

export type AttachmentItem = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: Date | string;
  uploader?: { name: string } | null;
};

/** Where a file is downloaded: the server checks again that the reader may see it. */
export const attachmentHref = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

/**
 * Files attached to a ticket or a reply, as download links (the server sends them as downloads,
 * never rendered inline). The file name is shown as text.
 */
export function AttachmentList({
  attachments,
  className,
  label = "Attachments",
}: {
  attachments: readonly AttachmentItem[];
  className?: string;
  label?: string;
}) {
  if (attachments.length === 0) return null;
  return (
    <ul aria-label={label} className={cn("flex flex-wrap gap-2", className)} data-testid="attachment-list">
      {attachments.map((a) => (
        <li key={a.id}>
          <a
            href={attachmentHref(a.id)}
            download={a.fileName}
            className={
              "inline-flex max-w-72 items-center gap-1.5 rounded-md border bg-card px-2.5 py-1 " +
              "text-xs hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            }
            title={a.uploader ? `Attached by ${a.uploader.name}` : undefined}
          >
            <FileIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
            <span className="truncate font-medium">{a.fileName}</span>
            <span className="shrink-0 text-muted-foreground">{formatBytes(a.sizeBytes)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function AttachmentCount({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <span className="inline-flex items-center gap-1 text-xs text-muted-foreground">
      <PaperclipIcon className="size-3" aria-hidden /> {count}
    </span>
  );
}
