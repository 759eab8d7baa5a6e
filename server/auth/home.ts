import "server-only";
import type { Role } from "../db/generated/enums";

/** Where a signed-in person lands. */
export function homeFor(role: Role): string {
  switch (role) {
    case "ADMIN":
      return "/admin";
    case "AGENT":
      return "/console";
    case "REPORT_VIEWER":
      return "/reports";
    default:
      return "/portal";
  }
}

/** Which audiences may open which area of the app. */
export const AREA_ROLES = {
  portal: ["END_USER", "AGENT", "ADMIN"],
  console: ["AGENT", "ADMIN"],
  admin: ["ADMIN"],
  reports: ["ADMIN", "REPORT_VIEWER"],
} as const satisfies Record<string, readonly Role[]>;
