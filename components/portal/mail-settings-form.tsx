"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { MAIL_PREFERENCE_KEYS, MAIL_PREFERENCE_LABEL, type MailPreferenceKeyValue } from "@/lib/validation/mail";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LoadErrorAlert } from "@/components/admin/shared/cursor-pager";
import { toast } from "@/components/ui/toaster";

type Choices = Partial<Record<MailPreferenceKeyValue, boolean>>;

/** Which notices I get by mail: checkboxes, saved together; what was ticked survives a failed save. */
export function MailSettingsForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.portalMailSettings.get.queryOptions());
  const [edits, setEdits] = useState<Choices>({});
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(
    trpc.portalMailSettings.save.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.portalMailSettings.get.queryKey(), saved);
        setEdits({});
        setError(null);
        toast.success("Your mail settings were saved.");
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );

  if (query.isError)
    return (
      <LoadErrorAlert
        title="Your mail settings could not be loaded"
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  if (query.isPending)
    return (
      <p className="py-10 text-center text-sm text-muted-foreground" role="status">
        Loading your mail settings…
      </p>
    );

  const { preferences, agent } = query.data;
  const value = (key: MailPreferenceKeyValue) => edits[key] ?? preferences[key];
  const group = (agentsOnly: boolean) =>
    MAIL_PREFERENCE_KEYS.filter((k) => MAIL_PREFERENCE_LABEL[k].agentsOnly === agentsOnly);
  const fieldset = (legend: string, keys: readonly MailPreferenceKeyValue[]) => (
    <fieldset className="space-y-2">
      <legend className="mb-2 font-medium">{legend}</legend>
      {keys.map((key) => (
        <label key={key} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            name={key}
            checked={value(key)}
            onChange={(e) => setEdits((prev) => ({ ...prev, [key]: e.target.checked }))}
          />
          {MAIL_PREFERENCE_LABEL[key].label}
        </label>
      ))}
    </fieldset>
  );

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(edits);
      }}
    >
      {fieldset("As a requester, mail me when", group(false))}
      {agent ? fieldset("As an agent, mail me when", group(true)) : null}
      <p className="text-sm text-muted-foreground">
        Always sent: an administrator ending your seat, an approval asked of you, and answers to mail you sent.
      </p>
      {error ? (
        <Alert variant="destructive">
          <AlertTitle>Your settings were not saved</AlertTitle>
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <Button type="submit" disabled={save.isPending || Object.keys(edits).length === 0}>
        {save.isPending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
