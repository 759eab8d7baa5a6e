"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { signInInput, type SignInInput } from "@/lib/validation/auth";
import { FormError } from "@/components/ui/form-error";
import { safeCallbackPath } from "@/lib/http/safe-callback";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Email or password is incorrect.",
  AccountDisabled: "This account is disabled. Ask your service desk to enable it.",
  Locked: "Too many failed sign-ins. Try again later.",
  LocalPasswordsOff: "Passwords are turned off: sign in with your organisation's single sign-on.",
  CodeNeeded: "Type the code from your authenticator app, or one of your recovery codes.",
  CodeIncorrect: "That code is not right, or was already used. Type the current code from your app.",
};

/**
 * Signs in through next-auth's credentials endpoint directly (not next-auth/react's signIn), so
 * a 429 from the throttle is shown with its own message. What was typed stays in the form. When
 * the server answers that a second factor is needed, a code field appears and the same form is
 * sent again with it.
 */
export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [codeNeeded, setCodeNeeded] = useState(false);
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInInput),
    defaultValues: { email: "", password: "", code: "" },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: SignInInput) {
    setFormError(null);
    try {
      const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
        body: new URLSearchParams({
          email: values.email,
          password: values.password,
          ...(codeNeeded && values.code ? { code: values.code } : {}),
          csrfToken,
          json: "true",
          callbackUrl: callbackUrl ?? "/",
        }),
      });
      const body = (await res.json().catch(() => ({}))) as { url?: string; message?: string; error?: string };
      if (res.status === 429) {
        setFormError(body.message ?? MESSAGES.Locked!);
        return;
      }
      const error = body.url
        ? new URL(body.url, window.location.origin).searchParams.get("error")
        : (body.error ?? null);
      if (!res.ok || error) {
        setFormError(MESSAGES[error ?? ""] ?? "Sign-in failed. Please try again.");
        if (error === "CodeNeeded" || error === "CodeIncorrect") {
          setCodeNeeded(true);
          form.setValue("code", "");
          // The field appears on this render: focus it on the next.
          setTimeout(() => form.setFocus("code"), 0);
        } else form.setFocus("password");
        return;
      }
      // Checked again here against the real origin: the prop is also what a test or a caller passes.
      router.replace(safeCallbackPath(callbackUrl, window.location.origin) ?? "/");
      router.refresh();
    } catch {
      setFormError("Cannot reach seatdesk. Check your connection and try again.");
    }
  }

  return (
    <form
      onSubmit={form.handleSubmit(onSubmit)}
      noValidate
      className="grid gap-4"
      aria-describedby={formError ? "sign-in-error" : undefined}
    >
      <FormError message={formError} id="sign-in-error" />
      <fieldset disabled={isSubmitting} className="grid gap-4">
        <FormField id="email" label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="username" autoFocus {...form.register("email")} />
        </FormField>
        <FormField id="password" label="Password" error={errors.password?.message}>
          <Input type="password" autoComplete="current-password" {...form.register("password")} />
        </FormField>
        {codeNeeded ? (
          <FormField
            id="code"
            label="Code from your authenticator app (or a recovery code)"
            error={errors.code?.message}
          >
            <Input inputMode="numeric" autoComplete="one-time-code" {...form.register("code")} />
          </FormField>
        ) : null}
        <Button type="submit" className="w-full">
          {isSubmitting ? "Signing in…" : "Sign in"}
        </Button>
      </fieldset>
    </form>
  );
}
