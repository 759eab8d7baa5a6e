"use client";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { DialogFooter } from "@/components/ui/dialog";
import { FormDialog } from "@/components/ui/form-dialog";

/**
 * "Are you sure?" for actions that take effect at once (disable, sign out everywhere, remove,
 * change a license). A refusal (`error`) shows in the dialog, which stays open.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  details,
  error,
  confirmLabel,
  pendingLabel = "Working…",
  destructive,
  pending,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** What happens, under the title. */
  children: ReactNode;
  /** Choices and warnings between the description and the buttons. */
  details?: ReactNode;
  error?: string | null;
  confirmLabel: string;
  pendingLabel?: string;
  destructive?: boolean;
  pending?: boolean;
  onConfirm: () => void;
}) {
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => !pending && onOpenChange(next)}
      title={title}
      description={children}
    >
      {details}
      <FormError message={error} />
      <DialogFooter>
        <Button variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
          Cancel
        </Button>
        <Button variant={destructive ? "destructive" : "default"} onClick={onConfirm} disabled={pending} autoFocus>
          {pending ? pendingLabel : confirmLabel}
        </Button>
      </DialogFooter>
    </FormDialog>
  );
}
