"use client";
import type { ReactNode } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useFormError } from "@/lib/hooks/use-form-error";
import { groupFieldsInput, type GroupFieldsInput } from "@/lib/validation/groups";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { FormField } from "@/components/ui/form-field";
import { DialogTrigger } from "@/components/ui/dialog";
import { DialogForm, FormDialog } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toaster";
import type { GroupRow } from "./types";

/** Creates a group, or renames one (and edits its description) when `group` is given. */
export function GroupFormDialog({
  group,
  trigger,
  open,
  onOpenChange,
}: {
  group?: GroupRow;
  trigger?: ReactNode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      title={group ? `Rename ${group.name}` : "New group"}
      description="Agents see group names when they assign tickets: keep them short and distinct."
    >
      <GroupForm group={group} onDone={() => onOpenChange(false)} />
    </FormDialog>
  );
}

function GroupForm({ group, onDone }: { group?: GroupRow; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<GroupFieldsInput>({
    resolver: zodResolver(groupFieldsInput),
    defaultValues: { name: group?.name ?? "", description: group?.description ?? "" },
  });
  const { formError, clearFormError, showServerError } = useFormError(form, ["name", "description"]);
  const { errors } = form.formState;
  const options = {
    onSuccess: (_: unknown, input: GroupFieldsInput) => {
      toast.success(group ? `Saved ${input.name.trim()}.` : `Group ${input.name.trim()} created.`);
      void queryClient.invalidateQueries({ queryKey: trpc.adminGroups.list.queryKey() });
      onDone();
    },
    onError: showServerError,
  };
  const create = useMutation(trpc.adminGroups.create.mutationOptions(options));
  const rename = useMutation(trpc.adminGroups.rename.mutationOptions(options));
  const pending = create.isPending || rename.isPending;
  const idPrefix = group ? `group-${group.id}` : "new-group";

  return (
    <DialogForm
      onSubmit={form.handleSubmit((values) => {
        clearFormError();
        if (group) rename.mutate({ ...values, id: group.id });
        else create.mutate(values);
      })}
      error={formError}
      pending={pending}
      onCancel={onDone}
      submitLabel={group ? "Save" : "Create group"}
      pendingLabel="Saving…"
    >
      <FormField id={`${idPrefix}-name`} label="Name" error={errors.name?.message}>
        <Input autoComplete="off" {...form.register("name")} />
      </FormField>
      <FormField id={`${idPrefix}-description`} label="Description (optional)" error={errors.description?.message}>
        <Textarea rows={3} {...form.register("description")} />
      </FormField>
    </DialogForm>
  );
}
