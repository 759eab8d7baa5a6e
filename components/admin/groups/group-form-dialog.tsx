"use client";
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { groupFieldsInput, type GroupFieldsInput } from "@/lib/validation/groups";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
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
import { applyServerErrors } from "@/lib/trpc/errors";
import type { GroupRow } from "./types";
import { DialogFormFooter, FormErrorAlert } from "@/components/admin/shared/dialog-form-parts";

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
    <Dialog open={open} onOpenChange={onOpenChange}>
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{group ? `Rename ${group.name}` : "New group"}</DialogTitle>
          <DialogDescription>
            Agents see group names when they assign tickets: keep them short and distinct.
          </DialogDescription>
        </DialogHeader>
        <GroupForm group={group} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function GroupForm({ group, onDone }: { group?: GroupRow; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<GroupFieldsInput>({
    resolver: zodResolver(groupFieldsInput),
    defaultValues: { name: group?.name ?? "", description: group?.description ?? "" },
  });
  const { errors } = form.formState;
  const options = {
    onSuccess: (_: unknown, input: GroupFieldsInput) => {
      toast.success(group ? `Saved ${input.name.trim()}.` : `Group ${input.name.trim()} created.`);
      void queryClient.invalidateQueries({ queryKey: trpc.adminGroups.list.queryKey() });
      onDone();
    },
    onError: (error: unknown) => setFormError(applyServerErrors(form, error, ["name", "description"])),
  };
  const create = useMutation(trpc.adminGroups.create.mutationOptions(options));
  const rename = useMutation(trpc.adminGroups.rename.mutationOptions(options));
  const pending = create.isPending || rename.isPending;
  const idPrefix = group ? `group-${group.id}` : "new-group";

  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={form.handleSubmit((values) => {
        setFormError(null);
        if (group) rename.mutate({ ...values, id: group.id });
        else create.mutate(values);
      })}
    >
      <FormErrorAlert message={formError} />
      <fieldset disabled={pending} className="grid gap-4">
        <FormField id={`${idPrefix}-name`} label="Name" error={errors.name?.message}>
          <Input autoComplete="off" {...form.register("name")} />
        </FormField>
        <FormField id={`${idPrefix}-description`} label="Description (optional)" error={errors.description?.message}>
          <Textarea rows={3} {...form.register("description")} />
        </FormField>
      </fieldset>
      <DialogFormFooter
        pending={pending}
        onCancel={onDone}
        submitLabel={group ? "Save" : "Create group"}
        pendingLabel={"Saving…"}
      />
    </form>
  );
}
