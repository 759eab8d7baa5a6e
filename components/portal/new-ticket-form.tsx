"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { useTRPC } from "@/lib/trpc/react";
import { applyServerErrors } from "@/lib/trpc/errors";
import {
  AFFECTS,
  AFFECTS_LABEL,
  HOW_URGENT,
  HOW_URGENT_LABEL,
  PORTAL_KIND_LABEL,
  PORTAL_TICKET_TYPES,
  portalCreateTicketInput,
  TITLE_MAX,
  type PortalCreateTicketInput,
} from "@/lib/validation/tickets";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { AttachmentPicker } from "@/components/tickets/attachment-picker";
import { uploadAll } from "@/components/tickets/upload-attachment";
import { FormError } from "@/components/ui/form-error";
import { SuggestedArticles } from "@/components/knowledge/suggested-articles";

type Output = z.output<typeof portalCreateTicketInput>;
const FIELDS = ["type", "title", "description", "categoryId", "affects", "howUrgent"] as const;
const KIND_HINT = {
  INCIDENT: "It worked before, or it should work and does not.",
  REQUEST: "Access, a device, software, or an answer to a question.",
} as const;

/**
 * The portal's short form: broken or needed, a title, what happened, and in plain words who is
 * affected and how much it stops them. A refusal shows beside its field and keeps what was typed.
 * Files are checked when chosen, then sent once the ticket exists; one the server still refuses
 * is reported on the ticket's page, where it can be attached again.
 */
export function NewTicketForm({
  initialType,
  maxBytes,
}: {
  initialType: (typeof PORTAL_TICKET_TYPES)[number];
  maxBytes: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const categories = useQuery(trpc.portalTickets.categories.queryOptions());
  const form = useForm<PortalCreateTicketInput, unknown, Output>({
    resolver: zodResolver(portalCreateTicketInput),
    defaultValues: {
      type: initialType,
      title: "",
      description: "",
      categoryId: null,
      affects: "me",
      howUrgent: "slows-me-down",
    },
  });
  const { errors } = form.formState;
  const type = useWatch({ control: form.control, name: "type" });
  const title = useWatch({ control: form.control, name: "title" });

  const create = useMutation(
    trpc.portalTickets.create.mutationOptions({
      onSuccess: async (created) => {
        setUploading(true);
        const refused = await uploadAll(created.id, files, { via: "portal" });
        setUploading(false);
        void queryClient.invalidateQueries({ queryKey: trpc.portalTickets.list.queryKey() });
        if (refused.length)
          toast.error(
            `${created.displayNumber} was created, but not every file was ` +
              `attached. ${refused.map((r) => (r.ok ? "" : r.message)).join(" ")} You can attach it again on the ` +
              `ticket.`,
            { duration: 15_000 },
          );
        else toast.success(`${created.displayNumber} was created. The service desk will get back to you.`);
        router.push(`/portal/tickets/${created.displayNumber}`);
      },
      onError: (error) => setFormError(applyServerErrors(form, error, FIELDS)),
    }),
  );
  const pending = create.isPending || uploading || create.isSuccess;

  return (
    <Card>
      <CardContent className="pt-5">
        <form
          noValidate
          className="grid gap-5"
          onSubmit={form.handleSubmit((values) => {
            setFormError(null);
            create.mutate(values);
          })}
        >
          <FormError message={formError} />
          <fieldset disabled={pending} className="grid gap-5">
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">What is it about?</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {PORTAL_TICKET_TYPES.map((t) => (
                  <label
                    key={t}
                    className={
                      "flex cursor-pointer items-start gap-2 rounded-lg border p-3 text-sm " +
                      "has-[:checked]:border-primary has-[:checked]:bg-accent/50 has-[:focus-visible]:ring-2 " +
                      "has-[:focus-visible]:ring-ring"
                    }
                  >
                    <input
                      type="radio"
                      value={t}
                      className="mt-0.5 accent-[var(--color-primary)]"
                      {...form.register("type")}
                    />
                    <span>
                      <span className="font-medium">{PORTAL_KIND_LABEL[t]}</span>
                      <span className="block text-xs text-muted-foreground">{KIND_HINT[t]}</span>
                    </span>
                  </label>
                ))}
              </div>
              {errors.type?.message ? (
                <p role="alert" className="text-sm text-destructive">
                  {errors.type.message}
                </p>
              ) : null}
            </fieldset>
            <FormField
              id="new-ticket-title"
              label="Title"
              error={errors.title?.message}
              hint={
                type === "REQUEST"
                  ? "For example: Access to the finance share"
                  : "For example: Outlook closes when I open the calendar"
              }
            >
              <Input maxLength={TITLE_MAX + 50} autoComplete="off" {...form.register("title")} />
            </FormField>
            <SuggestedArticles text={title ?? ""} />
            <FormField
              id="new-ticket-description"
              label="Details"
              error={errors.description?.message}
              hint="What happened, since when, what you already tried. Links are fine."
            >
              <Textarea rows={6} {...form.register("description")} />
            </FormField>
            <div className="grid gap-4 sm:grid-cols-3">
              <FormField id="new-ticket-affects" label="Who is affected?" error={errors.affects?.message}>
                <NativeSelect {...form.register("affects")}>
                  {AFFECTS.map((a) => (
                    <option key={a} value={a}>
                      {AFFECTS_LABEL[a]}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              <FormField id="new-ticket-urgency" label="How much does it stop you?" error={errors.howUrgent?.message}>
                <NativeSelect {...form.register("howUrgent")}>
                  {HOW_URGENT.map((h) => (
                    <option key={h} value={h}>
                      {HOW_URGENT_LABEL[h]}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              <FormField
                id="new-ticket-category"
                label="Category (optional)"
                error={errors.categoryId?.message}
                hint={categories.isError ? "Categories could not be loaded; leave it empty." : undefined}
              >
                <NativeSelect {...form.register("categoryId", { setValueAs: (v: string | null) => v || null })}>
                  <option value="">Not sure</option>
                  {(categories.data ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
            </div>
            <AttachmentPicker
              files={files}
              onChange={setFiles}
              maxBytes={maxBytes}
              error={fileProblem}
              onProblem={setFileProblem}
              disabled={pending}
            />
          </fieldset>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="outline" onClick={() => router.push("/portal")} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {uploading ? "Attaching files…" : create.isPending ? "Sending…" : "Send"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
