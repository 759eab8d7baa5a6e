"use client";
import { useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { applyServerErrors } from "@/lib/trpc/errors";

/**
 * A form's refusal from the server, for FormShell / DialogForm: `showServerError` (a mutation's
 * onError) puts each field's message beside its field and keeps the rest as `formError`, the
 * message above the form; `clearFormError` before sending again.
 */
export function useFormError<T extends FieldValues>(
  form: UseFormReturn<T>,
  fields: Parameters<typeof applyServerErrors<T>>[2],
) {
  const [formError, setFormError] = useState<string | null>(null);
  return {
    formError,
    clearFormError: () => setFormError(null),
    showServerError: (error: unknown) => setFormError(applyServerErrors(form, error, fields)),
  };
}
