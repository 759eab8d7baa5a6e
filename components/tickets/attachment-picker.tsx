"use client";
import { useId, useRef } from "react";
import { PaperclipIcon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ALLOWED_DESCRIPTION, ATTACHMENT_ACCEPT, attachmentProblem, formatBytes } from "@/lib/validation/attachments";

export const MAX_FILES_PER_MESSAGE = 5;

/**
 * Choosing files to attach to a new ticket or a reply. Each chosen file is checked at once
 * (type by name, size) and a refused one is never kept, with the reason beside the picker;
 * the server checks again when they are sent. `error` is a refusal from the server.
 */
export function AttachmentPicker({
  files,
  onChange,
  maxBytes,
  error,
  onProblem,
  disabled,
  label = "Attach files",
}: {
  files: readonly File[];
  onChange: (files: File[]) => void;
  maxBytes: number;
  error?: string | null;
  onProblem?: (message: string | null) => void;
  disabled?: boolean;
  label?: string;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  const add = (chosen: FileList | null) => {
    const problems: string[] = [];
    const next = [...files];
    for (const file of Array.from(chosen ?? [])) {
      const problem = attachmentProblem(file, maxBytes);
      if (problem) problems.push(problem);
      else if (next.length >= MAX_FILES_PER_MESSAGE)
        problems.push(`Attach at most ${MAX_FILES_PER_MESSAGE} files at a time: ${file.name} was left out.`);
      else if (!next.some((f) => f.name === file.name && f.size === file.size)) next.push(file);
    }
    onChange(next);
    onProblem?.(problems.length ? problems.join(" ") : null);
    if (input.current) input.current.value = "";
  };

  return (
    <div className="grid gap-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={input}
          id={id}
          type="file"
          multiple
          accept={ATTACHMENT_ACCEPT}
          className="sr-only"
          tabIndex={-1}
          aria-hidden
          disabled={disabled}
          onChange={(e) => add(e.target.files)}
          data-testid="attachment-input"
        />
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={disabled}
          onClick={() => input.current?.click()}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
        >
          <PaperclipIcon aria-hidden /> {label}
        </Button>
        {files.length > 0 ? (
          <ul className="flex flex-wrap gap-1.5" aria-label="Files to attach">
            {files.map((file, i) => (
              <li
                key={`${file.name}-${i}`}
                className="inline-flex items-center gap-1 rounded-md border bg-muted/40 py-0.5 pl-2 pr-0.5 text-xs"
              >
                <span className="max-w-48 truncate">{file.name}</span>
                <span className="text-muted-foreground">{formatBytes(file.size)}</span>
                <button
                  type="button"
                  className={
                    "rounded-sm p-0.5 hover:bg-accent focus-visible:outline-none " +
                    "focus-visible:ring-2 focus-visible:ring-ring"
                  }
                  onClick={() => onChange(files.filter((_, j) => j !== i))}
                  disabled={disabled}
                  aria-label={`Remove ${file.name}`}
                >
                  <XIcon className="size-3" aria-hidden />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <p id={hintId} className="text-xs text-muted-foreground">
        Optional. {ALLOWED_DESCRIPTION}, up to {formatBytes(maxBytes)} each.
      </p>
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
