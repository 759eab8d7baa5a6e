import { z } from "zod";
import { bigintIdSchema } from "@/lib/validation/common";
import { isReasonableDate } from "./common";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/text/storable";

/*
 * Filters of the seat history, shared by the history page's form, the adminSeats.history
 * procedure and the CSV export route (whose query string is built and read by the two helpers
 * at the bottom, so the link and the route always agree on parameter names).
 */

/** Mirrors the SeatEventType enum of prisma/schema.prisma (the browser cannot import the server's). */
export const SEAT_EVENT_TYPES = [
  "GRANTED",
  "REFUSED",
  "RELEASED",
  "QUEUED",
  "LEFT_QUEUE",
  "RESERVED",
  "RESERVATION_EXPIRED",
  "NUDGE",
  "ADMIN_ACTION",
] as const;
export type SeatEventTypeName = (typeof SEAT_EVENT_TYPES)[number];

export const SEAT_EVENT_TYPE_LABELS: Record<SeatEventTypeName, string> = {
  GRANTED: "Seat granted",
  REFUSED: "Seat refused",
  RELEASED: "Seat released",
  QUEUED: "Joined the line",
  LEFT_QUEUE: "Left the line",
  RESERVED: "Seat reserved",
  RESERVATION_EXPIRED: "Reservation expired",
  NUDGE: "Asked for a seat",
  ADMIN_ACTION: "Admin action",
};

/** "" (an untouched form field or query parameter) means "no filter". */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
    .optional()
    .transform((v) => (v ? v : undefined));

/**
 * A date from a Date (tRPC with superjson), an ISO string (the CSV link) or a datetime-local
 * value typed in the browser (parsed there, in the person's own time zone).
 */
const optionalDate = (label: string) =>
  z
    .union([z.date(), z.string().trim().max(40, `Enter a valid ${label} date and time`)])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      const date = v instanceof Date ? v : new Date(v);
      if (!isReasonableDate(date)) {
        ctx.addIssue({ code: "custom", message: `Enter a valid ${label} date and time` });
        return z.NEVER;
      }
      return date;
    });

const filterShape = {
  poolId: optionalText(100, "That pool id is too long"),
  userQuery: optionalText(200, "Search for at most 200 characters"),
  from: optionalDate("start"),
  to: optionalDate("end"),
  types: z
    .array(z.enum(SEAT_EVENT_TYPES, { message: "Choose event types from the list" }))
    .max(SEAT_EVENT_TYPES.length)
    .optional()
    .transform((v) => (v && v.length > 0 ? v : undefined)),
};

type Ranged = { from?: Date; to?: Date };
const fromBeforeTo = <T extends Ranged>(value: T, ctx: z.RefinementCtx) => {
  if (value.from && value.to && value.from > value.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "The end must be on or after the start" });
  }
};

export const seatHistoryFilter = z.object(filterShape).superRefine(fromBeforeTo);
export type SeatHistoryFilterInput = z.input<typeof seatHistoryFilter>;
/** The applied filters (what the schema outputs; every one optional). */
export type SeatHistoryFilter = {
  poolId?: string;
  userQuery?: string;
  from?: Date;
  to?: Date;
  types?: SeatEventTypeName[];
};

export const SEAT_HISTORY_MAX_PAGE = 100;

/** The procedure's input: the filters plus the cursor (an event id, from the previous page). */
export const seatHistoryInput = z
  .object({
    ...filterShape,
    cursor: bigintIdSchema("That page cursor is not valid").nullish(),
    limit: z
      .number()
      .int()
      .min(1)
      .max(SEAT_HISTORY_MAX_PAGE, `Ask for at most ${SEAT_HISTORY_MAX_PAGE} events per page`)
      .default(50),
  })
  .superRefine(fromBeforeTo);
export type SeatHistoryInput = z.output<typeof seatHistoryInput>;

/** The CSV link's query string for applied filters (dates as ISO, types comma separated). */
export function seatHistoryQueryString(filter: SeatHistoryFilter): string {
  const params = new URLSearchParams();
  if (filter.poolId) params.set("poolId", filter.poolId);
  if (filter.userQuery) params.set("userQuery", filter.userQuery);
  if (filter.from) params.set("from", filter.from.toISOString());
  if (filter.to) params.set("to", filter.to.toISOString());
  if (filter.types?.length) params.set("types", filter.types.join(","));
  return params.toString();
}

/** The raw filter from a query string, to validate with seatHistoryFilter. */
export function seatHistoryFromSearchParams(params: URLSearchParams): SeatHistoryFilterInput {
  const types = params.get("types");
  return {
    poolId: params.get("poolId") ?? undefined,
    userQuery: params.get("userQuery") ?? undefined,
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    types: types ? (types.split(",").map((t) => t.trim()) as SeatEventTypeName[]) : undefined,
  };
}
