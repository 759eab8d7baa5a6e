"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { useFormError } from "@/lib/hooks/use-form-error";
import { createUserInput, PASSWORD_MIN, type CreateUserInput } from "@/lib/validation/users";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { DialogTrigger } from "@/components/ui/dialog";
import { DialogForm, FormDialog } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toaster";
import { UserProfileFields } from "./user-profile-fields";

const EMPTY: CreateUserInput = {
  email: "",
  name: "",
  role: "END_USER",
  password: "",
  department: "",
  jobCode: "",
  externalId: "",
};
const FIELDS = ["email", "name", "role", "password", "department", "jobCode", "externalId"] as const;

export function CreateUserDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useForm<CreateUserInput>({ resolver: zodResolver(createUserInput), defaultValues: EMPTY });
  const { formError, clearFormError, showServerError } = useFormError(form, FIELDS);
  const { errors } = form.formState;
  const create = useMutation(
    trpc.adminUsers.create.mutationOptions({
      onSuccess: (_data, input) => {
        toast.success(`${input.name.trim()} can now sign in as ${input.email.trim().toLowerCase()}.`);
        form.reset(EMPTY);
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.adminUsers.list.queryKey() });
      },
      onError: (error) => showServerError(error),
    }),
  );

  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => !create.isPending && setOpen(next)}
      trigger={
        <DialogTrigger asChild>
          <Button>
            <PlusIcon aria-hidden /> New person
          </Button>
        </DialogTrigger>
      }
      className="max-h-[90vh] overflow-y-auto"
      title="New person"
      description="They can sign in at once with this email and password. Seat licenses are given on the Licenses page."
    >
      <DialogForm
        onSubmit={form.handleSubmit((values) => {
          clearFormError();
          create.mutate(values);
        })}
        error={formError}
        pending={create.isPending}
        onCancel={() => setOpen(false)}
        submitLabel="Create person"
        pendingLabel="Creating…"
      >
        <FormField id="new-user-email" label="Email" error={errors.email?.message}>
          <Input type="email" autoComplete="off" {...form.register("email")} />
        </FormField>
        <UserProfileFields idPrefix="new-user" register={(field) => form.register(field)} errors={errors} />
        <FormField
          id="new-user-password"
          label="Password"
          error={errors.password?.message}
          hint={`At least ${PASSWORD_MIN} characters. Tell the person how to get it safely.`}
        >
          <Input type="password" autoComplete="new-password" {...form.register("password")} />
        </FormField>
      </DialogForm>
    </FormDialog>
  );
}
