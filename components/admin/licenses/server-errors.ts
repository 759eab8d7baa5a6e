import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

/**
 * Shows a refused save in the form: each field's message beside its field (focusing the first),
 * anything else returned as a message for the dialog. What was typed stays in the form.
 */
export function showServerErrors<T extends FieldValues>(form: UseFormReturn<T>, error: unknown, fields: readonly Path<T>[]): string | null {
  const byField = fieldErrors(error);
  let shown = false;
  for (const field of fields) {
    const message = byField[field];
    if (message) {
      form.setError(field, { type: "server", message }, { shouldFocus: !shown });
      shown = true;
    }
  }
  return shown ? null : errorMessage(error);
}
