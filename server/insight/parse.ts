import "server-only";
import type { z } from "zod";
import { AppError } from "../errors";

/** Parses with a shared schema; the first problem becomes a BAD_REQUEST naming its field, as forms expect. */
export function parseInsightInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join(".") || undefined;
  throw new AppError("BAD_REQUEST", issue.message, undefined, field);
}
