import { z } from "zod";
import { TEXT_MAX } from "./tickets";

/* Problem management (module "problem"): the shapes shared by the problem panel and the procedures. */

/** A root cause or workaround is a page or two of text; far longer is a paste gone wrong. */
export const MAX_PROBLEM_TEXT_CHARS = 20_000;
/** Linked incidents shown on a problem: more than this and the panel says how many more there are. */
export const PROBLEM_INCIDENTS_SHOWN = 100;

const text = (what: string) =>
  z
    .string({ error: `Write the ${what} as text` })
    .max(
      MAX_PROBLEM_TEXT_CHARS,
      `Keep the ${what} to ${MAX_PROBLEM_TEXT_CHARS.toLocaleString("en")} characters or fewer`,
    );

const ticketId = z.string().min(1).max(100);

export const problemTicketInput = z.object({ ticketId });

export const updateProblemInput = z.object({
  ticketId,
  rootCause: text("root cause").optional(),
  workaround: text("workaround").optional(),
  /** Marking a known error drafts a knowledge article from the workaround and root cause, once. */
  knownError: z.boolean().optional(),
});
export type UpdateProblemInput = z.input<typeof updateProblemInput>;

export const resolveProblemInput = z.object({
  ticketId,
  /** The public note each linked open incident's requester receives. */
  note: z
    .string({ error: "Write the note to the requesters" })
    .refine((s) => s.trim().length > 0, "Write the note the requesters of the linked incidents receive")
    .pipe(z.string().max(TEXT_MAX, `Use at most ${TEXT_MAX.toLocaleString("en-US")} characters for the note`)),
});
export type ResolveProblemInput = z.input<typeof resolveProblemInput>;
