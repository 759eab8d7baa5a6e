"use client";
import type { FormEventHandler, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { cn } from "@/lib/utils";

/**
 * A form's frame: the refusal that belongs to no single field on top, the fields (all disabled
 * while the save is on its way, or when `disabled`), then the buttons. The browser's own
 * validation is off: the zod schema answers next to each field.
 */
export function FormShell({
  onSubmit,
  error,
  pending,
  disabled,
  className,
  fieldsClassName,
  before,
  after,
  actions,
  children,
  "aria-label": ariaLabel,
}: {
  onSubmit: FormEventHandler<HTMLFormElement>;
  error: string | null | undefined;
  pending: boolean;
  disabled?: boolean;
  className?: string;
  fieldsClassName?: string;
  /** Shown between the form-level error and the fields (a legend, a field-level alert). */
  before?: ReactNode;
  /** Shown between the fields and the buttons (fields laid out apart from the grid). */
  after?: ReactNode;
  actions: ReactNode;
  children: ReactNode;
  "aria-label"?: string;
}) {
  return (
    <form noValidate aria-label={ariaLabel} className={cn("grid gap-4", className)} onSubmit={onSubmit}>
      <FormError message={error} />
      {before}
      <fieldset disabled={pending || disabled} className={cn("grid gap-4", fieldsClassName)}>
        {children}
      </fieldset>
      {after}
      {actions}
    </form>
  );
}

/** The submit button (it says it is working while the save is on its way), and any others beside it. */
export function FormActions({
  pending,
  submitLabel,
  pendingLabel,
  size,
  children,
}: {
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  size?: "sm";
  children?: ReactNode;
}) {
  return (
    <div className="flex gap-2">
      <Button type="submit" size={size} disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
      {children}
    </div>
  );
}

type DialogFormFooterProps = {
  pending: boolean;
  onCancel: () => void;
  submitLabel: string;
  pendingLabel: string;
  /** The submit button in red, for a form that ends or deletes something. */
  destructive?: boolean;
  /** Submit waits for more than the save (a preview still loading, a field still wrong). */
  submitDisabled?: boolean;
};

/** Cancel and submit under a dialog's form; both wait while the save is on its way. */
export function DialogFormFooter({
  pending,
  onCancel,
  submitLabel,
  pendingLabel,
  destructive,
  submitDisabled,
}: DialogFormFooterProps) {
  return (
    <DialogFooter>
      <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type="submit" variant={destructive ? "destructive" : "default"} disabled={pending || submitDisabled}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </DialogFooter>
  );
}

/** A form in a dialog: FormShell with Cancel and submit at the bottom. */
export function DialogForm({
  onCancel,
  submitLabel,
  pendingLabel,
  destructive,
  submitDisabled,
  ...shell
}: Omit<Parameters<typeof FormShell>[0], "actions"> & Omit<DialogFormFooterProps, "pending">) {
  return (
    <FormShell
      {...shell}
      actions={
        <DialogFormFooter
          pending={shell.pending}
          onCancel={onCancel}
          submitLabel={submitLabel}
          pendingLabel={pendingLabel}
          destructive={destructive}
          submitDisabled={submitDisabled}
        />
      }
    />
  );
}

/**
 * A dialog around a form: its trigger (when it has one), title and description. Put a DialogForm
 * inside; a form in a component of its own starts afresh each time the dialog opens.
 */
export function FormDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  className,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger?: ReactNode;
  title: ReactNode;
  description: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {trigger}
      <DialogContent className={className}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          {/* A block, so a description can be several paragraphs. */}
          <DialogDescription asChild>
            <div className="space-y-2">{description}</div>
          </DialogDescription>
        </DialogHeader>
        {children}
      </DialogContent>
    </Dialog>
  );
}
