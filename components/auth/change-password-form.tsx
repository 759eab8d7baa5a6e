"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { applyServerErrors } from "@/lib/trpc/errors";
import { changePasswordInput, type ChangePasswordInput } from "@/lib/validation/account";
import { PASSWORD_MIN } from "@/lib/validation/users";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormError } from "@/components/ui/form-error";
import { toast } from "@/components/ui/toaster";

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;

/** A signed-in person's own password change (account.changePassword); what was typed stays on an error. */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordInput),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const { errors } = form.formState;
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: (result) => {
        const others = result.otherSessionsEnded;
        toast.success(
          others === 0
            ? "Your password is changed."
            : `Your password is changed. ${others} other session${others === 1 ? " was" : "s were"} signed out.`,
        );
        form.reset();
      },
      onError: (error) => setFormError(applyServerErrors(form, error, FIELDS)),
    }),
  );

  return (
    <form
      noValidate
      className="grid max-w-sm gap-4"
      onSubmit={form.handleSubmit((values) => {
        setFormError(null);
        change.mutate(values);
      })}
    >
      <FormError message={formError} id="change-password-error" />
      <fieldset disabled={change.isPending} className="grid gap-4">
        <FormField id="currentPassword" label="Current password" error={errors.currentPassword?.message}>
          <Input type="password" autoComplete="current-password" {...form.register("currentPassword")} />
        </FormField>
        <FormField
          id="newPassword"
          label="New password"
          error={errors.newPassword?.message}
          hint={`At least ${PASSWORD_MIN} characters.`}
        >
          <Input type="password" autoComplete="new-password" {...form.register("newPassword")} />
        </FormField>
        <FormField id="confirmPassword" label="New password again" error={errors.confirmPassword?.message}>
          <Input type="password" autoComplete="new-password" {...form.register("confirmPassword")} />
        </FormField>
        <Button type="submit" className="w-fit">
          {change.isPending ? "Changing…" : "Change password"}
        </Button>
      </fieldset>
    </form>
  );
}
