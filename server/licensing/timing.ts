import "server-only";
import { env } from "../env";

/** The clocks of seat licensing, in seconds. All arithmetic on them happens in SQL with now(). */
export type SeatTiming = {
  presenceGraceSeconds: number;
  reservationSeconds: number;
  idleWarningSeconds: number;
  heartbeatSeconds: number;
};

export function seatTiming(overrides: Partial<SeatTiming> = {}): SeatTiming {
  return {
    presenceGraceSeconds: env.SEAT_PRESENCE_GRACE_SECONDS,
    reservationSeconds: env.SEAT_RESERVATION_SECONDS,
    idleWarningSeconds: env.SEAT_IDLE_WARNING_SECONDS,
    heartbeatSeconds: env.SEAT_HEARTBEAT_SECONDS,
    ...overrides,
  };
}
