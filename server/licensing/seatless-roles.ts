import "server-only";
import type { Role } from "../db/generated/enums";

/** Roles that never hold a seat license: end users (the portal) and report viewers (the reports). */
export const SEATLESS_ROLES: readonly Role[] = ["END_USER", "REPORT_VIEWER"];

export function neverHoldsSeat(role: Role): boolean {
  return SEATLESS_ROLES.includes(role);
}

/** "an end user" / "a report viewer", for messages. */
export function seatlessRoleName(role: Role): string {
  return role === "REPORT_VIEWER" ? "a report viewer" : "an end user";
}
