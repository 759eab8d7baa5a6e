/**
 * `npm run license:issue -- --key vendor-key.pem --customer "Acme Ltd" --named 7 --concurrent 4 \
 *    --module change=3 --module problem=2 --valid-until 2027-12-31 [--valid-from 2027-01-01] \
 *    [--grace-days 30] [--license-id ACME-2027] [--out acme.license]`
 *
 * Signs a license file with the Ed25519 private key the operator provides (PEM, PKCS#8; also
 * SEATDESK_LICENSE_SIGNING_KEY_FILE). The vendor's private key never belongs in this repository;
 * prisma/demo/DEV-ONLY-license-signing-key.pem signs files only the demo and the tests trust.
 * Writes the file to --out, or to standard output.
 */
import "./lib/allow-server-only";
import fs from "node:fs";
import { createPrivateKey, createPublicKey, randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { LICENSE_FORMAT, LICENSE_MODULES, licensePayload, type LicenseModule } from "../lib/validation/license-file";
import { keyFingerprint, signLicenseFile } from "../server/licensing/license-file/codec";

function fail(message: string): never {
  console.error(`[license:issue] ${message}`);
  process.exit(1);
}

/** "2027-12-31" is the end of that day in UTC; a full ISO date and time is taken as written. */
function instant(value: string, what: string, endOfDay: boolean): string {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}Z` : value;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) fail(`--${what} must be a date such as 2027-12-31, not "${value}".`);
  return at.toISOString();
}

function main() {
  const { values } = parseArgs({
    options: {
      key: { type: "string" },
      customer: { type: "string" },
      named: { type: "string", default: "0" },
      concurrent: { type: "string", default: "0" },
      module: { type: "string", multiple: true, default: [] },
      "valid-from": { type: "string" },
      "valid-until": { type: "string" },
      "grace-days": { type: "string", default: "30" },
      "license-id": { type: "string" },
      out: { type: "string" },
    },
  });
  const keyFile = values.key ?? process.env.SEATDESK_LICENSE_SIGNING_KEY_FILE;
  if (!keyFile) fail("Give the signing key: --key <private-key.pem> (or SEATDESK_LICENSE_SIGNING_KEY_FILE).");
  if (!values.customer) fail('Name the customer: --customer "Acme Ltd".');
  if (!values["valid-until"]) fail("Say until when the license is valid: --valid-until 2027-12-31.");
  let privateKey;
  try {
    privateKey = createPrivateKey(fs.readFileSync(keyFile, "utf8"));
  } catch (error) {
    fail(`Cannot read the signing key ${keyFile}: ${error instanceof Error ? error.message : error}`);
  }
  const modules: Partial<Record<LicenseModule, number>> = {};
  for (const entry of values.module) {
    const [name, count] = entry.split("=");
    if (!LICENSE_MODULES.includes(name as LicenseModule))
      fail(`--module ${entry}: the modules are ${LICENSE_MODULES.join(", ")}, as in --module change=3.`);
    modules[name as LicenseModule] = Number(count);
  }
  const now = new Date();
  const parsed = licensePayload.safeParse({
    format: LICENSE_FORMAT,
    licenseId: values["license-id"] ?? `SD-${randomBytes(6).toString("hex").toUpperCase()}`,
    customer: values.customer,
    issuedAt: now.toISOString(),
    validFrom: values["valid-from"] ? instant(values["valid-from"], "valid-from", false) : now.toISOString(),
    validUntil: instant(values["valid-until"], "valid-until", true),
    graceDays: Number(values["grace-days"]),
    namedSeats: Number(values.named),
    concurrentSeats: Number(values.concurrent),
    modules,
  });
  if (!parsed.success)
    fail(parsed.error.issues.map((i) => `${i.path.join(".") || "license"}: ${i.message}`).join("\n"));
  let text: string;
  try {
    text = signLicenseFile(parsed.data, privateKey);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const fingerprint = keyFingerprint(createPublicKey(privateKey));
  if (values.out) {
    fs.writeFileSync(values.out, text);
    console.error(`[license:issue] Wrote ${values.out}, signed by key ${fingerprint}.`);
  } else process.stdout.write(text);
}

main();
