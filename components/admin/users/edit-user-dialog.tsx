"use client";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useFormError } from "@/lib/hooks/use-form-error";
import { isAgentRole, neverHoldsSeat } from "@/lib/auth/roles";
import { userProfileInput, type UserProfileInput } from "@/lib/validation/users";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { DialogForm, FormDialog } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toaster";
import { UserProfileFields } from "./user-profile-fields";
import type { UserRow } from "./types";

const FIELDS = ["name", "role", "department", "jobCode", "externalId"] as const;

export function EditUserDialog({
  user,
  open,
  onOpenChange,
}: {
  user: UserRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      className="max-h-[90vh] overflow-y-auto"
      title={`Edit ${user.name}`}
      description={`Signs in as ${user.email}. Changes apply at their next click.`}
    >
      {/* Mounted only while open, so each opening starts from the person as listed. */}
      <EditUserForm user={user} onDone={() => onOpenChange(false)} />
    </FormDialog>
  );
}

function EditUserForm({ user, onDone }: { user: UserRow; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<UserProfileInput>({
    resolver: zodResolver(userProfileInput),
    defaultValues: {
      name: user.name,
      role: user.role,
      department: user.department ?? "",
      jobCode: user.jobCode ?? "",
      externalId: user.externalId ?? "",
    },
  });
  const { formError, clearFormError, showServerError } = useFormError(form, FIELDS);
  const role = useWatch({ control: form.control, name: "role" });
  const becomesSeatless = neverHoldsSeat(role) && role !== user.role && isAgentRole(user.role);
  const consequences = becomesSeatless
    ? [
        user.license ? "removes their seat license (freeing any seat they hold)" : null,
        user.groups.length ? `takes them out of ${user.groups.map((g) => g.name).join(", ")}` : null,
      ].filter((c): c is string => c !== null)
    : [];
  const update = useMutation(
    trpc.adminUsers.update.mutationOptions({
      onSuccess: (result) => {
        const lost = [
          result.licenseRemoved ? "their seat license was removed" : null,
          result.groupsLeft ? `they left ${result.groupsLeft} group${result.groupsLeft === 1 ? "" : "s"}` : null,
        ].filter(Boolean);
        toast.success(lost.length ? `Saved: ${lost.join(" and ")}.` : `Saved ${user.name}.`);
        void queryClient.invalidateQueries({ queryKey: trpc.adminUsers.list.queryKey() });
        onDone();
      },
      onError: (error) => showServerError(error),
    }),
  );

  return (
    <DialogForm
      onSubmit={form.handleSubmit((values) => {
        clearFormError();
        update.mutate({ ...values, id: user.id });
      })}
      error={formError}
      pending={update.isPending}
      onCancel={onDone}
      submitLabel="Save"
      pendingLabel="Saving…"
    >
      <UserProfileFields
        idPrefix={`edit-user-${user.id}`}
        register={(field) => form.register(field)}
        errors={form.formState.errors}
      />
      {role === "REPORT_VIEWER" && user.role !== "REPORT_VIEWER" ? (
        <Alert variant="warning">
          <AlertTitle>Report viewers only read the reports</AlertTitle>
          <AlertDescription>They never hold a seat and cannot open the console or tickets.</AlertDescription>
        </Alert>
      ) : null}
      {consequences.length > 0 ? (
        <Alert variant="warning">
          <AlertTitle>
            {role === "REPORT_VIEWER" ? "Report viewers" : "End users"} never hold seats or work tickets
          </AlertTitle>
          <AlertDescription>Saving {consequences.join(" and ")}.</AlertDescription>
        </Alert>
      ) : null}
    </DialogForm>
  );
}
