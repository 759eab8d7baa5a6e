"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { formatWhen } from "@/lib/date-time";
import { LICENSE_MODULES, LICENSE_MODULE_NAMES, licenseFileInput } from "@/lib/validation/license-file";
import { Textarea } from "@/components/ui/textarea";
import { FormField } from "@/components/ui/form-field";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { DialogForm, FormDialog } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toaster";
import { useRefresh } from "./use-refresh";

/**
 * Installs a license file, uploaded or pasted. What it grants is verified on the server and shown
 * before installing; a file that cannot be installed says why beside the field, keeping the text.
 */
export function InstallLicenseDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => !busy && onOpenChange(next)}
      className="sm:max-w-xl"
      title="Install license file"
      description={
        "Upload the file your vendor sent, or paste its text. It replaces the license in force once installed."
      }
    >
      <InstallLicenseForm onBusy={setBusy} onDone={() => onOpenChange(false)} />
    </FormDialog>
  );
}

function InstallLicenseForm({ onBusy, onDone }: { onBusy: (busy: boolean) => void; onDone: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const router = useRouter();
  const [text, setText] = useState("");
  const [installError, setInstallError] = useState<string | null>(null);
  const checked = useDebouncedValue(text, 300);
  const local = licenseFileInput.safeParse({ text: checked });
  const preview = useQuery({
    ...trpc.adminLicenses.previewLicense.queryOptions({ text: checked }),
    enabled: local.success,
    retry: false,
  });
  const install = useMutation(
    trpc.adminLicenses.installLicense.mutationOptions({
      onMutate: () => onBusy(true),
      onSettled: () => onBusy(false),
      onSuccess: (l) => {
        toast.success(`License installed: ${l.namedSeats} named and ${l.concurrentSeats} concurrent seats.`);
        void refresh("entitlement", "license");
        router.refresh(); // the license banner above the page is rendered on the server
        onDone();
      },
      onError: (error) => setInstallError(fieldErrors(error).text ?? errorMessage(error)),
    }),
  );

  const stale = text !== checked;
  const fieldError =
    installError ??
    (checked.trim() && !local.success ? local.error.issues[0]?.message : undefined) ??
    (preview.isError ? errorMessage(preview.error) : undefined);
  const p = preview.data;

  async function readFile(file: File | undefined) {
    if (!file) return;
    setInstallError(null);
    setText(await file.text());
  }

  return (
    <DialogForm
      onSubmit={(event) => {
        event.preventDefault();
        setInstallError(null);
        install.mutate({ text });
      }}
      // A refusal belongs to the file's text: it is shown beside that field.
      error={null}
      pending={install.isPending}
      onCancel={onDone}
      submitLabel="Install"
      pendingLabel="Installing…"
      submitDisabled={!p || stale || preview.isFetching || !!fieldError}
      after={
        p && !stale && !fieldError ? (
          <Alert role="status" aria-label="What this license grants">
            <AlertDescription className="space-y-1">
              <p className="font-medium">
                {p.customer}, license {p.licenseId}
              </p>
              <p>
                {p.namedSeats} named seats, {p.concurrentSeats} concurrent seats;{" "}
                {LICENSE_MODULES.map((m) => `${LICENSE_MODULE_NAMES[m]}: ${p.modules[m]}`).join(", ")}.
              </p>
              <p>
                Valid {formatWhen(p.validFrom)} to {formatWhen(p.validUntil)}, then {p.graceDays} days of grace.{" "}
                {p.message}
              </p>
            </AlertDescription>
          </Alert>
        ) : null
      }
    >
      <FormField id="license-file-upload" label="License file">
        <input
          type="file"
          accept=".license,.lic,.txt,text/plain"
          className="text-sm file:mr-3 file:rounded-md file:border file:bg-card file:px-3 file:py-1.5"
          onChange={(event) => void readFile(event.target.files?.[0])}
        />
      </FormField>
      <FormField id="license-file-text" label="Or paste it" error={fieldError}>
        <Textarea
          value={text}
          onChange={(event) => {
            setInstallError(null);
            setText(event.target.value);
          }}
          rows={8}
          spellCheck={false}
          className="font-mono text-xs"
          placeholder="-----BEGIN SEATDESK LICENSE-----"
        />
      </FormField>
    </DialogForm>
  );
}
