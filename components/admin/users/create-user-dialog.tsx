"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { createUserInput, PASSWORD_MIN, type CreateUserInput } from "@/lib/validation/users";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { toast } from "@/components/ui/toaster";
import { UserProfileFields } from "./user-profile-fields";
import { applyServerErrors } from "@/lib/trpc/errors";
import { DialogFormFooter, FormErrorAlert } from "@/components/admin/shared/dialog-form-parts";

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
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CreateUserInput>({ resolver: zodResolver(createUserInput), defaultValues: EMPTY });
  const { errors } = form.formState;
  const create = useMutation(
    trpc.adminUsers.create.mutationOptions({
      onSuccess: (_data, input) => {
        toast.success(`${input.name.trim()} can now sign in as ${input.email.trim().toLowerCase()}.`);
        form.reset(EMPTY);
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.adminUsers.list.queryKey() });
      },
      onError: (error) => setFormError(applyServerErrors(form, error, FIELDS)),
    }),
  );

  return (
    <Dialog open={open} onOpenChange={(next) => !create.isPending && setOpen(next)}>
      <DialogTrigger asChild>
        <Button>
          <PlusIcon aria-hidden /> New person
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto">
        <DialogHeader>
          <DialogTitle>New person</DialogTitle>
          <DialogDescription>
            They can sign in at once with this email and password. Seat licenses are given on the Licenses page.
          </DialogDescription>
        </DialogHeader>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((values) => {
            setFormError(null);
            create.mutate(values);
          })}
        >
          <FormErrorAlert message={formError} />
          <fieldset disabled={create.isPending} className="grid gap-4">
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
          </fieldset>
          <DialogFormFooter
            pending={create.isPending}
            onCancel={() => setOpen(false)}
            submitLabel={"Create person"}
            pendingLabel={"Creating…"}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
