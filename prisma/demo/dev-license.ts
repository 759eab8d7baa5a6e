import fs from "node:fs";
import path from "node:path";
import { createPrivateKey, type KeyObject } from "node:crypto";
import type { LicensePayload } from "@/lib/validation/license-file";
import { LICENSE_FORMAT } from "@/lib/validation/license-file";
import { parsePublicKey, signLicenseFile } from "../../server/licensing/license-file/codec";

/*
 * The DEVELOPMENT license key pair, for the demo organisation and the tests only. Its private half
 * is in the repository, so anyone can sign with it: a real installation never trusts it (it trusts
 * the vendor's key built into the app, or SEATDESK_LICENSE_PUBLIC_KEY). `npm start` trusts it only
 * for the demo organisation, and says so.
 */
const DIR = path.join(process.cwd(), "prisma", "demo");
export const DEV_LICENSE_SIGNING_KEY_PATH = path.join(DIR, "DEV-ONLY-license-signing-key.pem");
export const DEV_LICENSE_PUBLIC_KEY_PATH = path.join(DIR, "DEV-ONLY-license-public-key.pem");

export const devLicensePublicKeyPem = (): string => fs.readFileSync(DEV_LICENSE_PUBLIC_KEY_PATH, "utf8");
export const devLicensePublicKey = (): KeyObject => parsePublicKey(devLicensePublicKeyPem());
const devSigningKey = (): KeyObject => createPrivateKey(fs.readFileSync(DEV_LICENSE_SIGNING_KEY_PATH, "utf8"));

const DAY_MS = 86_400_000;

/** A development-signed license file: by default valid from yesterday for a year, 30 days of grace. */
export function devSignedLicense(
  grants: Partial<Omit<LicensePayload, "modules">> & { modules?: Partial<LicensePayload["modules"]> } = {},
  now = new Date(),
): string {
  const { modules, ...rest } = grants;
  return signLicenseFile(
    {
      format: LICENSE_FORMAT,
      licenseId: `DEV-${now.getTime().toString(36).toUpperCase()}`,
      customer: "Acme (development license)",
      issuedAt: now.toISOString(),
      validFrom: new Date(now.getTime() - DAY_MS).toISOString(),
      validUntil: new Date(now.getTime() + 365 * DAY_MS).toISOString(),
      graceDays: 30,
      namedSeats: 7,
      concurrentSeats: 4,
      ...rest,
      modules: { change: 3, problem: 3, ...modules },
    },
    devSigningKey(),
  );
}
