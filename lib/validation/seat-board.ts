import { z } from "zod";
import { bigintIdSchema } from "@/lib/validation/common";

export const END_SEAT_NOTE_MAX = 300;

/** The end-seat dialog and the adminSeats.endLease procedure (and adminEndLease checks the note again). */
export const endSeatNote = z
  .string()
  .trim()
  .min(1, "Say why you end this seat: the agent will read it")
  .max(END_SEAT_NOTE_MAX, `Keep the reason to ${END_SEAT_NOTE_MAX} characters`);

export const endSeatInput = z.object({
  leaseId: bigintIdSchema("That seat lease id is not valid"),
  note: endSeatNote,
});
export type EndSeatInput = z.infer<typeof endSeatInput>;
