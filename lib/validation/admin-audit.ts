import { z } from "zod";

/**
 * The areas of administration, as their routers are named (and "signIn": sign-in delays seatdesk
 * imposed or lifted, server/auth/sign-in-throttle.ts); the audit log filters by them.
 */
export const ADMIN_AREAS = [
  "adminUsers",
  "adminGroups",
  "adminLicenses",
  "adminSeats",
  "adminServiceLevels",
  "adminSeatPrices",
  "signIn",
  "adminApiAccounts",
  "adminWebhooks",
  "api",
] as const;
export type AdminArea = (typeof ADMIN_AREAS)[number];
export const ADMIN_AREA_LABEL: Record<AdminArea, string> = {
  adminUsers: "Users",
  adminGroups: "Groups",
  adminLicenses: "Licenses",
  adminSeats: "Seats",
  adminServiceLevels: "Service levels",
  adminSeatPrices: "Seat prices",
  signIn: "Sign-in protection",
  adminApiAccounts: "API accounts",
  adminWebhooks: "Webhooks",
  api: "Changes through the API (for a person)",
};
export const ADMIN_AUDIT_PAGE_SIZE = 25;

export const listAdminAuditInput = z.object({
  area: z.enum(ADMIN_AREAS, { error: "Choose an area from the list" }).optional(),
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(100).default(ADMIN_AUDIT_PAGE_SIZE),
});
export type ListAdminAuditInput = z.input<typeof listAdminAuditInput>;
