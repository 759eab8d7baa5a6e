import type { FieldErrors, FieldValues } from "react-hook-form";
import type { z } from "zod";

/**
 * The report forms hold what was typed (strings, a preset) and send what the procedures take
 * (instants, cents). They check what they send with the procedures' own schemas, so the message
 * beside a field is the server's, word for word; `fieldOf` says which form field an input path
 * (e.g. "namedPriceCents", "serviceLevel") belongs to.
 */
export function issuesToErrors<T extends FieldValues>(
  issues: readonly z.core.$ZodIssue[],
  fieldOf: (path: string) => string | null,
): FieldErrors<T> {
  const errors: Record<string, { type: string; message: string }> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path.map(String).join(".")) ?? "root";
    errors[field] ??= { type: issue.code, message: issue.message };
  }
  return errors as FieldErrors<T>;
}

/** The first path segment names the field when the form and the input share their names. */
export const topLevel = (path: string) => path.split(".")[0] || null;
