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
  const fields =
    (error.data as { fieldErrors?: Record<string, string[] | undefined> | null } | undefined)?.fieldErrors ?? {};
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
 * `fields` lists the form's fields named as the server names them, or maps a server field name to
 * the form's own (a form that edits cents as a price, say), null for none.
 */
export function applyServerErrors<T extends FieldValues>(
  form: UseFormReturn<T>,
  error: unknown,
  fields: readonly Path<T>[] | ((serverField: string) => Path<T> | null | undefined),
): string | null {
  const byField = fieldErrors(error);
  const targets: [Path<T>, string | undefined][] =
    typeof fields === "function"
      ? Object.entries(byField).flatMap(([name, message]) => {
          const field = fields(name);
          return field ? [[field, message] as [Path<T>, string | undefined]] : [];
        })
      : fields.map((field) => [field, byField[field]]);
  let shown = false;
  for (const [field, message] of targets) {
    if (message) {
      form.setError(field, { type: "server", message }, { shouldFocus: !shown });
      shown = true;
    }
  }
  return shown ? null : errorMessage(error);
}
