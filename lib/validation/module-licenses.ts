import { z } from "zod";
import { LICENSE_MODULES } from "./license-file";

/* Exclusive module licenses: the shapes of the admin forms, the procedures and the usage report. */

export const licenseModule = z.enum(LICENSE_MODULES, { error: "Choose a module: change or problem" });

export const moduleLicenseInput = z.object({
  userId: z.string().min(1, "Choose a person").max(100),
  module: licenseModule,
  reason: z.string().trim().max(200, "Keep the reason to 200 characters or fewer").optional(),
});
export type ModuleLicenseInput = z.infer<typeof moduleLicenseInput>;

/** Holders are listed reclaim candidates first (never used, then longest unused), a page at a time. */
export const moduleUsageInput = z.object({
  module: licenseModule,
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type ModuleUsageInput = z.input<typeof moduleUsageInput>;

/** A license unused for this many days is a candidate to reclaim. */
export const MODULE_UNUSED_DAYS = 30;
