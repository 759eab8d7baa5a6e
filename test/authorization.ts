import { ROLES, type Role } from "@/lib/auth/roles";

/*
 * The audiences of the authorization matrices (test/authorization-matrix.test.ts over every tRPC
 * procedure, test/authorization-matrix-doors.test.ts over every route handler, page and area
 * layout): nobody signed in, and each role.
 */
export type Audience = "ANONYMOUS" | Role;
export const SIGNED_IN: readonly Audience[] = ROLES;
export const AUDIENCES: readonly Audience[] = ["ANONYMOUS", ...ROLES];
