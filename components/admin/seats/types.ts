import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";
import { formatTime } from "@/lib/date-time";

export type SeatBoardData = inferRouterOutputs<AppRouter>["adminSeats"]["board"];
export type BoardPool = SeatBoardData["pools"][number];
export type BoardNamedSeat = SeatBoardData["namedSeats"][number];
export type SeatEventItem = inferRouterOutputs<AppRouter>["adminSeats"]["history"]["items"][number];
export type SeatHistoryQuery = inferRouterInputs<AppRouter>["adminSeats"]["history"];

/** Whose seat the administrator is about to end. */
export type EndSeatTarget = { leaseId: string; name: string; email: string; poolName: string | null };

/** A time of day in the administrator's own time zone. */
export function clockTime(at: Date | string, withSeconds = false): string {
  return formatTime(at, { seconds: withSeconds });
}
