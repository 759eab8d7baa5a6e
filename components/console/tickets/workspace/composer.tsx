"use client";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { LockIcon, MessageSquareIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { addCommentInput } from "@/lib/validation/tickets";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { useSeat } from "@/components/console/seat-provider";
import { useSessionDraft } from "../use-session-draft";
import { useSeatRefusalRefresh } from "../use-console-write";
import { AttachmentPicker } from "@/components/tickets/attachment-picker";
import { uploadAll } from "@/components/tickets/upload-attachment";
import { ReadOnlyNote } from "../read-only-note";

type Draft = { body: string; internal: boolean };
const EMPTY: Draft = { body: "", internal: false };

/**
 * Reply to the requester or write an internal work note. The two modes look different on
 * purpose (colour, lock icon, wording of the button) so nobody sends a note to the requester by
 * mistake. The draft's text lives in sessionStorage per ticket until it is sent (chosen files
 * stay while the page is open: a browser cannot keep files across a reload). Files are attached
 * to the reply or note once it is written, so they are exactly as visible as it is.
 */
export function Composer({
  ticketId,
  requesterName,
  closed,
  maxBytes,
  onSent,
}: {
  ticketId: string;
  requesterName: string;
  closed: boolean;
  maxBytes: number;
  onSent: () => void;
}) {
  const trpc = useTRPC();
  const { readOnly } = useSeat();
  const seatRefusal = useSeatRefusalRefresh();
  const [draft, setDraft, clearDraft] = useSessionDraft<Draft>(`seatdesk:ticket-reply:${ticketId}`, EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const send = useMutation(
    trpc.consoleTickets.comment.mutationOptions({
      onSuccess: async (comment, input) => {
        clearDraft();
        setError(null);
        toast.success(input.internal ? "Work note added." : `Reply sent to ${requesterName}.`);
        if (files.length) {
          setUploading(true);
          const refused = await uploadAll(ticketId, files, { via: "console", commentId: comment.id });
          setUploading(false);
          // Refused files stay chosen with the reason, to try again on the next message.
          setFiles(files.filter((f) => refused.some((r) => !r.ok && r.file === f.name)));
          setFileProblem(refused.length ? refused.map((r) => (r.ok ? "" : r.message)).join(" ") : null);
        }
        onSent();
      },
      onError: (e) => {
        seatRefusal(e);
        setError(fieldErrors(e).body ?? errorMessage(e));
      },
    }),
  );
  const internal = draft.internal;
  // Typing stays possible without a seat (the draft is kept for when a seat comes); sending does not.
  const editingDisabled = closed || send.isPending || uploading;
  const disabled = readOnly || editingDisabled;

  return (
    <form
      noValidate
      aria-label="Reply or work note"
      className={cn("grid gap-3 rounded-lg border p-4", internal ? "border-warning/60 bg-warning/10" : "bg-card")}
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = addCommentInput.safeParse({ ticketId, body: draft.body, internal });
        if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Write something first");
        setError(null);
        send.mutate(parsed.data);
      }}
    >
      <div role="radiogroup" aria-label="Who can read it" className="inline-flex w-fit rounded-md border bg-card p-0.5">
        <ModeButton
          checked={!internal}
          disabled={editingDisabled}
          onClick={() => setDraft({ ...draft, internal: false })}
          icon={<MessageSquareIcon aria-hidden />}
        >
          Public reply
        </ModeButton>
        <ModeButton
          checked={internal}
          disabled={editingDisabled}
          onClick={() => setDraft({ ...draft, internal: true })}
          icon={<LockIcon aria-hidden />}
        >
          Internal work note
        </ModeButton>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="composer-body" className={cn(internal && "text-foreground")}>
          {internal
            ? "Internal work note: only agents can read it, never the requester"
            : `Reply to ${requesterName}: the requester will read it`}
        </Label>
        <Textarea
          id="composer-body"
          rows={5}
          value={draft.body}
          disabled={editingDisabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "composer-error" : undefined}
          onChange={(e) => setDraft({ ...draft, body: e.target.value })}
          placeholder={internal ? "What you found, for your colleagues" : "Your answer to the requester"}
        />
        {error ? (
          <p id="composer-error" role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
      </div>
      <AttachmentPicker
        files={files}
        onChange={setFiles}
        maxBytes={maxBytes}
        error={fileProblem}
        onProblem={setFileProblem}
        disabled={editingDisabled}
        label={internal ? "Attach files to the note" : "Attach files to the reply"}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={disabled} variant={internal ? "secondary" : "default"}>
          {uploading
            ? "Attaching files…"
            : send.isPending
              ? "Sending…"
              : internal
                ? "Add internal note"
                : "Send reply to requester"}
        </Button>
        {closed ? (
          <span className="text-xs text-muted-foreground">
            This ticket is closed: open a new ticket and mention this one.
          </span>
        ) : null}
        <ReadOnlyNote what="reply or add notes" />
      </div>
    </form>
  );
}

function ModeButton({
  checked,
  disabled,
  onClick,
  icon,
  children,
}: {
  checked: boolean;
  disabled: boolean;
  onClick: () => void;
  icon: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      role="radio"
      aria-checked={checked}
      disabled={disabled}
      onClick={onClick}
      className={cn(
        "inline-flex items-center gap-1.5 rounded px-3 py-1.5 text-sm font-medium " +
          "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50 [&_svg]:size-4",
        checked ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:text-foreground",
      )}
    >
      {icon}
      {children}
    </button>
  );
}
