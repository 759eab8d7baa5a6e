/*
 * Everything seatdesk knows about roles, in one place: which role may enter which area, where
 * each lands, which roles never hold a seat, and how a refusal names who may. Every door reads
 * it: the tRPC procedure builders (server/trpc/procedures.ts), the area layouts and server pages
 * (server/auth/require-area.ts), route handlers (server/http/route-gate.ts), the licensing
 * rules, and the browser (the "not for you" page, the license-rules editor). Plain data, so
 * the browser may import it; the rules are enforced on the server by the doors above.
 */

/** The roles of a person (as the Role enum of prisma/schema.prisma). */
export const ROLES = ["END_USER", "AGENT", "ADMIN", "REPORT_VIEWER"] as const;
export type Role = (typeof ROLES)[number];

/** The areas of the app, and who may open each (each has its procedures, layout and routes). */
export const AREA_ROLES = {
  portal: ["END_USER", "AGENT", "ADMIN"],
  console: ["AGENT", "ADMIN"],
  admin: ["ADMIN"],
  reports: ["ADMIN", "REPORT_VIEWER"],
} as const satisfies Record<string, readonly Role[]>;
export type Area = keyof typeof AREA_ROLES;

/** Whether `role` may open `area`. */
export function mayEnter(area: Area, role: Role): boolean {
  return (AREA_ROLES[area] as readonly Role[]).includes(role);
}

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

/** Agents and administrators: an agent's powers (the console), and the only roles that may hold a seat. */
export const AGENT_ROLES: readonly Role[] = AREA_ROLES.console;
export const isAgentRole = (role: Role): boolean => AGENT_ROLES.includes(role);

/** Roles that never hold a seat license: end users (the portal) and report viewers (the reports). */
export const SEATLESS_ROLES: readonly Role[] = ROLES.filter((role) => !isAgentRole(role));

export function neverHoldsSeat(role: Role): boolean {
  return SEATLESS_ROLES.includes(role);
}

/** "an end user" / "a report viewer", for messages. */
export function seatlessRoleName(role: Role): string {
  return role === "REPORT_VIEWER" ? "a report viewer" : "an end user";
}

const ROLE_NAMES: Record<Role, string> = {
  END_USER: "end users",
  AGENT: "agents",
  ADMIN: "administrators",
  REPORT_VIEWER: "report viewers",
};

/** The refusal of a role gate, naming who may: "This is only for administrators and report viewers." */
export function onlyForMessage(roles: readonly Role[]): string {
  return `This is only for ${roles.map((r) => ROLE_NAMES[r]).join(" and ")}.`;
}

/** The refusal of a missing or ended session, at every door. */
export const SIGN_IN_MESSAGE = "Sign in to continue: your session has ended.";
