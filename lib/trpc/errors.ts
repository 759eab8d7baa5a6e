import { TRPCClientError } from "@trpc/client";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { AppRouter } from "@/server/routers/_app";

export type AppClientError = TRPCClientError<AppRouter>;

/** The message to show for a failed call: the server's readable message, or a generic one. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) return error.message;
  return "Something went wrong. Please try again.";
}

/** Per-field messages from the server (zod issues, or an AppError naming its field). */
export function fieldErrors(error: unknown): Record<string, string | undefined> {
  if (!(error instanceof TRPCClientError)) return {};
  const fields = (error.data as { fieldErrors?: Record<string, string[] | undefined> | null } | undefined)?.fieldErrors ?? {};
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v?.[0]]));
}

/** Structured details of an AppError (e.g. `{ seat: "refused" }`). */
export function errorDetails<T = Record<string, unknown>>(error: unknown): T | null {
  if (!(error instanceof TRPCClientError)) return null;
  return ((error.data as { details?: T | null } | undefined)?.details ?? null) as T | null;
}

/**
 * Shows a refused save in the form: each field's message beside its field (focusing the first),
 * anything else returned as the form-level message for the dialog. What was typed stays in the form.
 */
export function applyServerErrors<T extends FieldValues>(form: UseFormReturn<T>, error: unknown, fields: readonly Path<T>[]): string | null {
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
