"use client";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { TRPCClientError } from "@trpc/client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { useTRPC } from "@/lib/trpc/react";
import { applyServerErrors, errorDetails } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import { ARTICLE_STATUS_LABEL, articleFields, type ArticleFields } from "@/lib/validation/knowledge";
import { TITLE_MAX } from "@/lib/validation/tickets";
import type { Article } from "@/server/knowledge/read";
import { useSeat } from "@/components/console/seat-provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { FormError } from "@/components/ui/form-error";
import { BackLink } from "@/components/ui/back-link";

type Output = z.output<typeof articleFields>;
const FIELDS = ["title", "body", "categoryId", "status"] as const;
const valuesOf = (a: Article): ArticleFields => ({
  title: a.title,
  body: a.body,
  categoryId: a.category?.id ?? null,
  status: a.status,
});

/**
 * Writing an article in the console: title, category (the options come with the page, so the
 * article's own is selected from the start), the text (plain, links allowed) and
 * whether end users see it (published) or not yet (draft). Saving needs a seat, like every change
 * in the console; without one the form reads only. A save refused because a colleague saved
 * first keeps what was typed and offers to save it on top of theirs, or to load theirs.
 */
export function ArticleEditor({
  article,
  categories,
}: {
  article: Article | null;
  categories: { id: string; name: string }[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { readOnly } = useSeat();
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState<{ message: string; currentVersion: number } | null>(null);
  const [version, setVersion] = useState(article?.version ?? 1);
  const form = useForm<ArticleFields, unknown, Output>({
    resolver: zodResolver(articleFields),
    defaultValues: article ? valuesOf(article) : { title: "", body: "", categoryId: null, status: "DRAFT" },
  });
  const { errors } = form.formState;

  const saved = (result: Article, verb: string) => {
    setFormError(null);
    setStale(null);
    setVersion(result.version);
    form.reset(valuesOf(result));
    void queryClient.invalidateQueries({ queryKey: trpc.consoleKnowledge.pathKey() });
    toast.success(
      `"${result.title}" ` +
        `was ${verb}${result.status === "PUBLISHED" ? ": end users can read it in the portal" : " as a draft"}.`,
    );
  };
  const onError = (error: unknown) => {
    if (error instanceof TRPCClientError && error.data?.code === "CONFLICT") {
      setStale({
        message: error.message,
        currentVersion: errorDetails<{ currentVersion: number }>(error)?.currentVersion ?? version,
      });
      return;
    }
    setFormError(applyServerErrors(form, error, FIELDS));
  };
  const create = useMutation(
    trpc.consoleKnowledge.create.mutationOptions({
      onSuccess: (result) => {
        saved(result, "created");
        router.replace(`/console/knowledge/${result.id}`);
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.consoleKnowledge.update.mutationOptions({ onSuccess: (result) => saved(result, "saved"), onError }),
  );
  const busy = create.isPending || update.isPending;

  const loadTheirs = async () => {
    if (!article) return;
    const theirs = await queryClient.fetchQuery(
      trpc.consoleKnowledge.get.queryOptions({ id: article.id }, { staleTime: 0 }),
    );
    setVersion(theirs.version);
    form.reset(valuesOf(theirs));
    setStale(null);
  };

  return (
    <div className="space-y-6">
      <BackLink href="/console/knowledge">Knowledge base</BackLink>
      <div>
        <h1 className="text-2xl font-semibold break-words">{article ? article.title : "New article"}</h1>
        {article ? (
          <p className="text-xs text-muted-foreground">
            {ARTICLE_STATUS_LABEL[article.status]} · written by {article.author.name} · last saved by{" "}
            {article.updatedBy.name}, {formatWhen(article.updatedAt)}
            {article.status === "PUBLISHED" ? (
              <>
                {" "}
                ·{" "}
                <Link
                  href={`/portal/knowledge/${article.id}`}
                  className="text-primary underline-offset-4 hover:underline"
                >
                  as end users see it
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      {stale ? (
        <Alert variant="warning" role="alert" data-testid="stale-article">
          <AlertTitle>Someone else saved this article first</AlertTitle>
          <AlertDescription className="space-y-2">
            <p>{stale.message}</p>
            <div className="flex flex-wrap gap-2">
              <Button
                size="sm"
                disabled={busy || readOnly}
                onClick={() => {
                  setVersion(stale.currentVersion);
                  setStale(null);
                }}
              >
                Save mine over theirs next
              </Button>
              <Button size="sm" variant="outline" disabled={busy} onClick={() => void loadTheirs()}>
                Load theirs (drops my edits)
              </Button>
            </div>
          </AlertDescription>
        </Alert>
      ) : null}
      <Card>
        <CardContent className="pt-5">
          <form
            noValidate
            className="grid gap-5"
            onSubmit={form.handleSubmit((values) => {
              setFormError(null);
              if (article) update.mutate({ ...values, id: article.id, version });
              else create.mutate(values);
            })}
          >
            <FormError message={formError} />
            {readOnly ? (
              <p className="text-sm text-muted-foreground" role="status">
                Writing articles needs a seat: take one to save changes.
              </p>
            ) : null}
            <fieldset disabled={busy} className="grid gap-5">
              <FormField
                id="article-title"
                label="Title"
                error={errors.title?.message}
                hint="What people would search for, e.g. Outlook keeps asking for my password"
              >
                <Input maxLength={TITLE_MAX + 50} autoComplete="off" {...form.register("title")} />
              </FormField>
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField id="article-category" label="Category (optional)" error={errors.categoryId?.message}>
                  <NativeSelect {...form.register("categoryId", { setValueAs: (v: string | null) => v || null })}>
                    <option value="">None</option>
                    {categories.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </NativeSelect>
                </FormField>
                <FormField id="article-status" label="Who can read it" error={errors.status?.message}>
                  <NativeSelect {...form.register("status")}>
                    <option value="DRAFT">Draft: agents only</option>
                    <option value="PUBLISHED">Published: everyone, in the portal</option>
                  </NativeSelect>
                </FormField>
              </div>
              <FormField
                id="article-body"
                label="Article"
                error={errors.body?.message}
                hint="Plain text: what to do, step by step. Line breaks and links are kept."
              >
                <Textarea rows={14} {...form.register("body")} />
              </FormField>
              <div>
                <Button type="submit" disabled={busy || readOnly}>
                  {busy ? "Saving…" : article ? "Save changes" : "Create article"}
                </Button>
              </div>
            </fieldset>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
