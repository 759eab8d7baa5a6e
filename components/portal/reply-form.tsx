"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { useTRPC, useTRPCClient } from "@/lib/trpc/react";
import { applyServerErrors } from "@/lib/trpc/errors";
import { TEXT_MAX } from "@/lib/validation/tickets";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { AttachmentPicker } from "@/components/tickets/attachment-picker";
import { uploadAll } from "@/components/tickets/upload-attachment";
import { FormError } from "@/components/ui/form-error";

const replyForm = z.object({
  body: z.string().max(TEXT_MAX, `Use at most ${TEXT_MAX.toLocaleString("en-US")} characters`),
});
type ReplyValues = z.infer<typeof replyForm>;

/**
 * A public reply, with files. A reply with files gets them attached to it; files alone are
 * attached to the ticket. What was typed stays when the server refuses it, and a refused file
 * stays chosen with the reason beside the picker.
 */
export function ReplyForm({ ticketId, maxBytes }: { ticketId: string; maxBytes: number }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ReplyValues>({ resolver: zodResolver(replyForm), defaultValues: { body: "" } });

  const send = useMutation({
    mutationFn: async ({ body }: ReplyValues) => {
      const commentId = body.trim() ? (await client.portalTickets.reply.mutate({ ticketId, body })).id : undefined;
      if (commentId) form.reset({ body: "" });
      return { replied: Boolean(commentId), refused: await uploadAll(ticketId, files, { via: "portal", commentId }) };
    },
    onSuccess: ({ replied, refused }) => {
      const refusedNames = new Set(refused.map((r) => (r.ok ? "" : r.file)));
      setFiles(files.filter((f) => refusedNames.has(f.name)));
      setFileProblem(refused.length ? refused.map((r) => (r.ok ? "" : r.message)).join(" ") : null);
      if (replied || refused.length < files.length)
        toast.success(replied ? "Your reply was sent." : "Your files were attached.");
      void queryClient.invalidateQueries({ queryKey: trpc.portalTickets.get.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.portalTickets.list.queryKey() });
    },
    onError: (error) => setFormError(applyServerErrors(form, error, ["body"])),
  });

  return (
    <form
      noValidate
      className="grid gap-3 rounded-lg border bg-card p-4"
      aria-label="Reply"
      onSubmit={form.handleSubmit((values) => {
        setFormError(null);
        if (!values.body.trim() && files.length === 0) {
          form.setError(
            "body",
            { type: "required", message: "Write a reply first, or attach a file" },
            { shouldFocus: true },
          );
          return;
        }
        send.mutate(values);
      })}
    >
      <FormError message={formError} />
      <FormField
        id="reply-body"
        label="Your reply"
        error={form.formState.errors.body?.message}
        hint="The service desk sees it at once. Links are fine."
      >
        <Textarea rows={4} disabled={send.isPending} {...form.register("body")} />
      </FormField>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <AttachmentPicker
          files={files}
          onChange={setFiles}
          maxBytes={maxBytes}
          error={fileProblem}
          onProblem={setFileProblem}
          disabled={send.isPending}
        />
        <Button type="submit" disabled={send.isPending}>
          {send.isPending ? "Sending…" : "Send reply"}
        </Button>
      </div>
    </form>
  );
}
