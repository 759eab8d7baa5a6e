import { z } from "zod";
import { MAX_OWNED_SEATS } from "./licensing";

/*
 * What a seatdesk license file grants (../shared/licensing.md, "The license file"): the payload the
 * vendor signs. Shared by the server (which verifies and installs it), the admin forms (which show
 * what it grants) and `npm run license:issue` (which signs one).
 */

/** The premium modules a license file can grant exclusive licenses for. */
export const LICENSE_MODULES = ["change", "problem"] as const;
export type LicenseModule = (typeof LICENSE_MODULES)[number];
export const LICENSE_MODULE_NAMES: Record<LicenseModule, string> = {
  change: "Change management",
  problem: "Problem management",
};

/** The version of the payload; a newer vendor format is refused by name rather than misread. */
export const LICENSE_FORMAT = "seatdesk-license/1";
/** Upper bound that only catches a mistyped grace period. */
export const MAX_GRACE_DAYS = 365;
/** Administrators are warned this many days before a license's validity ends. */
export const LICENSE_WARNING_DAYS = 30;
/** A license file is under a thousand characters; anything far larger is not one (and would not fit a query). */
export const MAX_LICENSE_FILE_CHARS = 8_000;

const count = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(0, `${what} cannot be negative`)
    .max(MAX_OWNED_SEATS, `${what} is more than ${MAX_OWNED_SEATS.toLocaleString("en")}`);

const instant = (what: string) => z.iso.datetime({ offset: true, error: `${what} must be an ISO date and time` });

export const licensePayload = z
  .object({
    format: z.literal(LICENSE_FORMAT, { error: `This license file is not in the ${LICENSE_FORMAT} format` }),
    licenseId: z.string().trim().min(1, "The license has no id").max(100),
    customer: z.string().trim().min(1, "The license names no customer").max(200),
    issuedAt: instant("issuedAt"),
    validFrom: instant("validFrom"),
    validUntil: instant("validUntil"),
    graceDays: z.number().int().min(0).max(MAX_GRACE_DAYS),
    namedSeats: count("namedSeats"),
    concurrentSeats: count("concurrentSeats"),
    /** Exclusive licenses per module; a module the file does not name is granted 0. */
    modules: z.object({
      change: count("modules.change").default(0),
      problem: count("modules.problem").default(0),
    }),
  })
  .refine((p) => Date.parse(p.validUntil) > Date.parse(p.validFrom), {
    message: "validUntil must be after validFrom",
    path: ["validUntil"],
  });
export type LicensePayload = z.infer<typeof licensePayload>;

/** An administrator's upload or paste; whitespace and line breaks added on the way are tolerated. */
export const licenseFileInput = z.object({
  text: z
    .string({ error: "Paste or upload a license file" })
    .trim()
    .min(1, "Paste or upload a license file")
    .max(MAX_LICENSE_FILE_CHARS, "That is far longer than a license file: check you chose the right file"),
});
export type LicenseFileInput = z.infer<typeof licenseFileInput>;
