"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

/**
 * "Sign in with <provider>": next-auth starts the authorization code flow (PKCE, state, nonce).
 * A failed or refused single sign-on comes back to the sign-in page with its message.
 */
export function SsoSignIn({
  buttonName,
  callbackUrl,
  error,
}: {
  buttonName: string;
  callbackUrl: string | null;
  error: string | null;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <div className="grid gap-3">
      <FormError message={error} id="sso-error" />
      <Button
        type="button"
        className="w-full"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void signIn("oidc", { callbackUrl: callbackUrl ?? "/" }).catch(() => setBusy(false));
        }}
      >
        {busy ? "Opening your sign-in…" : `Sign in with ${buttonName}`}
      </Button>
    </div>
  );
}
