"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { signOut } from "next-auth/react";
import { useTRPC } from "@/lib/trpc/react";
import { useFormError } from "@/lib/hooks/use-form-error";
import { newPasswordInput, PASSWORD_MIN } from "@/lib/validation/users";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { DialogForm, FormDialog } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toaster";
import type { UserRow } from "./types";

type NewPassword = z.infer<typeof newPasswordInput>;

export function SetPasswordDialog({
  user,
  isSelf,
  open,
  onOpenChange,
}: {
  user: UserRow;
  isSelf: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Set a new password for ${user.name}`}
      description={
        isSelf
          ? "All your sessions end, including this one: you sign in again with the new password."
          : "All of their sessions end at once and their seat is freed; they sign in again with the new password."
      }
    >
      <SetPasswordForm user={user} isSelf={isSelf} onDone={() => onOpenChange(false)} />
    </FormDialog>
  );
}

function SetPasswordForm({ user, isSelf, onDone }: { user: UserRow; isSelf: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [show, setShow] = useState(false);
  const form = useForm<NewPassword>({ resolver: zodResolver(newPasswordInput), defaultValues: { password: "" } });
  const { formError, clearFormError, showServerError } = useFormError(form, ["password"]);
  const setPassword = useMutation(
    trpc.adminUsers.setPassword.mutationOptions({
      onSuccess: (result) => {
        if (isSelf) {
          // Their own sessions just ended: clear the cookie too and go to sign-in.
          void signOut({ callbackUrl: "/sign-in" });
          return;
        }
        toast.success(
          `New password set for ${user.name}. ${result.sessionsEnded} ` +
            `session${result.sessionsEnded === 1 ? "" : "s"} ended.`,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.adminUsers.list.queryKey() });
        onDone();
      },
      onError: (error) => showServerError(error),
    }),
  );
  const id = `password-${user.id}`;
  return (
    <DialogForm
      onSubmit={form.handleSubmit((values) => {
        clearFormError();
        setPassword.mutate({ id: user.id, password: values.password });
      })}
      error={formError}
      pending={setPassword.isPending}
      onCancel={onDone}
      submitLabel="Set password"
      pendingLabel="Setting…"
    >
      <FormField
        id={id}
        label="New password"
        error={form.formState.errors.password?.message}
        hint={`At least ${PASSWORD_MIN} characters.`}
      >
        <Input type={show ? "text" : "password"} autoComplete="new-password" {...form.register("password")} />
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={show}
          onChange={(e) => setShow(e.target.checked)}
          className="size-4 accent-primary"
        />
        Show password
      </label>
    </DialogForm>
  );
}
