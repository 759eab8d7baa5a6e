"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormError } from "@/components/ui/form-error";
import { LoadErrorAlert } from "@/components/admin/shared/cursor-pager";
import { toast } from "@/components/ui/toaster";

/** The key as people type it into an app: groups of four. */
const groupedKey = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/**
 * Two-step sign-in (TOTP): start, scan the QR code or type the key, confirm with a first code, then
 * the recovery codes, shown this once. The QR code is an SVG drawn on the server
 * (server/identity/mfa/qr.ts) from the same otpauth:// URI that is shown as text.
 */
export function MfaSettings({ mustEnrol }: { mustEnrol: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.mfa.status.queryOptions());
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string; qrSvg: string } | null>(null);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  const start = useMutation(
    trpc.mfa.startEnrolment.mutationOptions({
      onSuccess: (data) => {
        setEnrolment(data);
        setError(null);
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const confirm = useMutation(
    trpc.mfa.confirmEnrolment.mutationOptions({
      onSuccess: (data) => {
        setRecoveryCodes(data.recoveryCodes);
        setEnrolment(null);
        setCodeError(null);
        void queryClient.invalidateQueries({ queryKey: trpc.mfa.status.queryKey() });
        toast.success("Two-step sign-in is on.");
      },
      onError: (e) => setCodeError(fieldErrors(e).code ?? errorMessage(e)),
    }),
  );

  if (status.isError)
    return (
      <LoadErrorAlert
        title="Your sign-in settings could not be loaded"
        error={status.error}
        onRetry={() => void status.refetch()}
      />
    );
  if (status.isPending)
    return (
      <p className="py-10 text-center text-sm text-muted-foreground" role="status">
        Loading your sign-in settings…
      </p>
    );

  if (recoveryCodes)
    return (
      <section className="space-y-4" aria-labelledby="recovery-title">
        <h2 id="recovery-title" className="text-lg font-medium">
          Your recovery codes
        </h2>
        <p className="text-sm text-muted-foreground">
          Each code signs you in once if you lose your phone. Keep them somewhere safe: they are shown only now.
        </p>
        <ul className="grid grid-cols-2 gap-2 font-mono text-sm" data-testid="recovery-codes">
          {recoveryCodes.map((c) => (
            <li key={c} className="rounded border bg-muted px-2 py-1">
              {c}
            </li>
          ))}
        </ul>
        <Button
          onClick={() => {
            setRecoveryCodes(null);
            if (mustEnrol) {
              router.replace("/");
              router.refresh();
            }
          }}
        >
          {mustEnrol ? "I have saved them: continue" : "I have saved them"}
        </Button>
      </section>
    );

  if (status.data.enabled)
    return (
      <Alert>
        <AlertTitle>Two-step sign-in is on</AlertTitle>
        <AlertDescription>
          You sign in with your password and a code from your authenticator app. {status.data.recoveryCodesLeft}{" "}
          recovery code{status.data.recoveryCodesLeft === 1 ? "" : "s"} left. Lost your phone and your codes? An
          administrator can reset your second factor.
        </AlertDescription>
      </Alert>
    );

  if (!enrolment)
    return (
      <div className="space-y-4">
        <FormError message={error} id="mfa-error" />
        <p className="text-sm">
          Two-step sign-in asks for a code from an authenticator app (such as Google Authenticator, Microsoft
          Authenticator or 1Password) after your password.
        </p>
        <Button onClick={() => start.mutate()} disabled={start.isPending}>
          {start.isPending ? "Preparing…" : "Set up two-step sign-in"}
        </Button>
      </div>
    );

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!/^\d{6}$/.test(code.replace(/\s/g, ""))) {
          setCodeError("Type the 6-digit code your app shows");
          return;
        }
        confirm.mutate({ code });
      }}
    >
      <ol className="list-decimal space-y-3 pl-5 text-sm">
        <li>
          In your authenticator app, add an account and scan this code:
          {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG data URI, nothing to optimise */}
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
            alt="QR code for your authenticator app (the same key as typed below)"
            width={176}
            height={176}
            className="mt-2 rounded border bg-white p-1"
            data-testid="totp-qr"
          />
        </li>
        <li>
          Or type this key (time-based):
          <div className="mt-1 select-all font-mono text-base tracking-wider" data-testid="totp-key">
            {groupedKey(enrolment.secret)}
          </div>
        </li>
        <li>
          Or paste this link into an app that accepts one:
          <code className="mt-1 block break-all rounded bg-muted px-2 py-1 text-xs" data-testid="otpauth-uri">
            {enrolment.otpauthUri}
          </code>
        </li>
        <li>Type the 6-digit code the app shows now, to check that it works.</li>
      </ol>
      <FormField id="mfa-code" label="Code from your app" error={codeError ?? undefined}>
        <Input
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          maxLength={10}
        />
      </FormField>
      <Button type="submit" disabled={confirm.isPending}>
        {confirm.isPending ? "Checking…" : "Turn on two-step sign-in"}
      </Button>
    </form>
  );
}
