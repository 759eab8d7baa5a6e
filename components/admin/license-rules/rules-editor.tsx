"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import type { LicenseRuleInput } from "@/lib/validation/license-rules";
import { Button } from "@/components/ui/button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { toast } from "@/components/ui/toaster";
import { RuleRow } from "./rule-row";
import { RulesPreviewPanel } from "./rules-preview";
import { emptyRule, fromSaved, toInput, type DraftRule } from "./draft";

type Previewed = { mode: "draft"; rules: LicenseRuleInput[] } | { mode: "saved" };

/**
 * The ordered rule list, edited as a draft: previewing shows what saving would change, and saving
 * (which applies the rules to everyone) is offered only for the draft that was previewed.
 */
export function RulesEditor() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saved = useQuery(trpc.adminLicenseRules.list.queryOptions());
  const [draft, setDraft] = useState<DraftRule[] | null>(null);
  const [previewed, setPreviewed] = useState<Previewed | null>(null);
  const [confirmAdmins, setConfirmAdmins] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const rules = draft ?? saved.data?.rules.map(fromSaved) ?? [];
  const input = toInput(rules);
  const previewInput = previewed?.mode === "draft" ? { rules: previewed.rules } : {};
  const preview = useQuery({
    ...trpc.adminLicenseRules.preview.queryOptions(previewInput),
    enabled: previewed !== null,
    staleTime: 0,
  });
  const current = previewed?.mode === "draft" && JSON.stringify(previewed.rules) === JSON.stringify(input);

  const done =
    (what: string) =>
    (r: { changed: number; seatsEnded: number; withoutNamedSeat: number; withoutModuleLicense: number }) => {
      toast.success(
        `${what}: ${r.changed} ${r.changed === 1 ? "person" : "people"} changed` +
          (r.seatsEnded ? `, ${r.seatsEnded} seats ended` : "") +
          (r.withoutNamedSeat ? `, ${r.withoutNamedSeat} without a named seat (none left)` : "") +
          (r.withoutModuleLicense ? `, ${r.withoutModuleLicense} module licenses not given (none left)` : "") +
          ".",
      );
      setDraft(null);
      setPreviewed(null);
      setConfirmAdmins(false);
      setError(null);
      void queryClient.invalidateQueries({ queryKey: trpc.adminLicenseRules.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.adminLicenses.pathKey() });
    };
  const save = useMutation(
    trpc.adminLicenseRules.save.mutationOptions({
      onSuccess: done("Rules saved and applied"),
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const apply = useMutation(
    trpc.adminLicenseRules.applyToEveryone.mutationOptions({
      onSuccess: done("Rules applied"),
      onError: (e) => setError(errorMessage(e)),
    }),
  );

  const edit = (next: DraftRule[]) => {
    setDraft(next);
    setError(null);
  };
  const patch = (i: number, p: Partial<DraftRule>) => edit(rules.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const move = (i: number, delta: -1 | 1) => {
    const next = [...rules];
    [next[i], next[i + delta]] = [next[i + delta]!, next[i]!];
    edit(next);
  };
  const needsConfirm = (preview.data?.adminGains.length ?? 0) > 0;
  const busy = save.isPending || apply.isPending;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Rules, in order</CardTitle>
        <CardDescription>
          The first enabled rule whose conditions all match decides. A list matches when any of its values does
          (case-insensitive, a trailing * matches the start); an empty list matches everyone. Someone a rule decided for
          whom no rule matches any more becomes an end user without a license; people no rule ever decided for are left
          as they are.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {saved.isError ? (
          <Alert variant="destructive" role="alert">
            <AlertDescription>Could not load the rules: {errorMessage(saved.error)}</AlertDescription>
          </Alert>
        ) : saved.isPending ? (
          <p className="text-sm text-muted-foreground" role="status">
            Loading rules…
          </p>
        ) : rules.length === 0 ? (
          <EmptyState title="No rules yet">
            Add a rule, for example: job code IT-SD gives an agent a named seat.
          </EmptyState>
        ) : (
          <ol className="space-y-3" aria-label="License rules">
            {rules.map((rule, i) => (
              <RuleRow
                key={rule.key}
                rule={rule}
                index={i}
                count={rules.length}
                pools={saved.data?.pools ?? []}
                onChange={(p) => patch(i, p)}
                onMove={(d) => move(i, d)}
                onRemove={() => edit(rules.filter((_, j) => j !== i))}
              />
            ))}
          </ol>
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="outline" onClick={() => edit([...rules, emptyRule()])}>
            <PlusIcon aria-hidden /> Add a rule
          </Button>
          <Button
            type="button"
            onClick={() => {
              setError(null);
              setConfirmAdmins(false);
              setPreviewed({ mode: "draft", rules: input });
            }}
            disabled={saved.isPending}
          >
            Preview changes
          </Button>
          <Button
            type="button"
            variant="outline"
            disabled={draft !== null || saved.isPending}
            title={draft !== null ? "Save or discard your edits first" : undefined}
            onClick={() => {
              setError(null);
              setConfirmAdmins(false);
              setPreviewed({ mode: "saved" });
            }}
          >
            Apply the saved rules again…
          </Button>
          {draft !== null ? (
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setDraft(null);
                setPreviewed(null);
              }}
            >
              Discard edits
            </Button>
          ) : null}
        </div>
        {error ? (
          <Alert variant="destructive" role="alert">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        ) : null}
        {previewed ? (
          <div className="space-y-4 rounded-lg border bg-muted/30 p-4">
            <h2 className="font-semibold">
              {previewed.mode === "draft"
                ? "What saving these rules would change"
                : "What applying the saved rules would change"}
            </h2>
            {preview.isError ? (
              <Alert variant="destructive" role="alert">
                <AlertDescription>{errorMessage(preview.error)}</AlertDescription>
              </Alert>
            ) : preview.isPending ? (
              <p className="text-sm text-muted-foreground" role="status">
                Working out who would gain or lose what…
              </p>
            ) : (
              <>
                <RulesPreviewPanel preview={preview.data} />
                {previewed.mode === "draft" && !current ? (
                  <p className="text-sm text-foreground" role="status">
                    You changed the rules since this preview: preview again before saving.
                  </p>
                ) : null}
                {needsConfirm ? (
                  <label className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="size-4"
                      checked={confirmAdmins}
                      onChange={(e) => setConfirmAdmins(e.target.checked)}
                    />
                    Yes, make these people administrators.
                  </label>
                ) : null}
                <div className="flex gap-2">
                  {previewed.mode === "draft" ? (
                    <Button
                      type="button"
                      disabled={!current || busy || (needsConfirm && !confirmAdmins)}
                      onClick={() => save.mutate({ rules: input, confirmAdminGrant: confirmAdmins })}
                    >
                      {save.isPending ? "Saving…" : "Save and apply to everyone"}
                    </Button>
                  ) : (
                    <Button
                      type="button"
                      disabled={busy || (needsConfirm && !confirmAdmins)}
                      onClick={() => apply.mutate({ confirmAdminGrant: confirmAdmins })}
                    >
                      {apply.isPending ? "Applying…" : "Apply to everyone now"}
                    </Button>
                  )}
                  <Button type="button" variant="ghost" onClick={() => setPreviewed(null)}>
                    Close the preview
                  </Button>
                </div>
              </>
            )}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
