import "server-only";
import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { licensePayload, type LicensePayload } from "@/lib/validation/license-file";

/*
 * The license file's format: the payload (JSON, as the vendor wrote it) and its Ed25519 signature
 * over exactly those bytes, each in base64 between armour lines:
 *
 *   -----BEGIN SEATDESK LICENSE-----
 *   eyJmb3JtYXQiOiJzZWF0ZGVzay1saWNlbnNlLzEiLC...
 *   -----END SEATDESK LICENSE-----
 *   -----BEGIN SEATDESK LICENSE SIGNATURE-----
 *   q4kS...==
 *   -----END SEATDESK LICENSE SIGNATURE-----
 *
 * Signing the encoded bytes (not a re-serialised object) needs no canonical JSON, and base64 lets a
 * file pasted from a mail or a ticket keep working: line breaks, indentation, carriage returns and
 * spaces added on the way are ignored, as is any text around the blocks. The cryptography is
 * Node's (Ed25519 in OpenSSL); nothing here is home-made.
 */

const PAYLOAD = "SEATDESK LICENSE";
const SIGNATURE = "SEATDESK LICENSE SIGNATURE";

/** Why a text is not a license this installation can trust; `message` is for the administrator. */
export type LicenseFileProblem = "not-a-license" | "malformed" | "bad-signature" | "invalid-payload";

export class LicenseFileError extends Error {
  constructor(
    public readonly problem: LicenseFileProblem,
    message: string,
  ) {
    super(message);
    this.name = "LicenseFileError";
  }
}

export type VerifiedLicense = { payload: LicensePayload; keyFingerprint: string };

/** A short, stable name for a public key (the first 16 hex digits of SHA-256 over its DER form). */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

/** Reads a public key from PEM, tolerating "\n" written literally (as in a one-line env var). */
export function parsePublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem.replace(/\\n/g, "\n").trim());
  if (key.asymmetricKeyType !== "ed25519") throw new Error("The license public key must be an Ed25519 key");
  return key;
}

/** Signs a payload with the vendor's private key and writes the file. */
export function signLicenseFile(payload: LicensePayload, privateKey: KeyObject): string {
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("The license signing key must be an Ed25519 key");
  const bytes = Buffer.from(JSON.stringify(licensePayload.parse(payload), null, 2) + "\n", "utf8");
  return encodeLicenseFile(bytes, sign(null, bytes, privateKey));
}

/** The armoured text of a payload's bytes and their signature (64 base64 characters a line). */
export function encodeLicenseFile(payloadBytes: Buffer, signature: Buffer): string {
  const block = (label: string, data: Buffer) =>
    [`-----BEGIN ${label}-----`, ...(data.toString("base64").match(/.{1,64}/g) ?? []), `-----END ${label}-----`].join(
      "\n",
    );
  return `${block(PAYLOAD, payloadBytes)}\n${block(SIGNATURE, signature)}\n`;
}

/** The bytes between a block's armour lines, whitespace anywhere ignored; null when the block is absent. */
function readBlock(text: string, label: string): Buffer | null {
  const match = new RegExp(`-----\\s*BEGIN ${label}\\s*-----([\\s\\S]*?)-----\\s*END ${label}\\s*-----`).exec(text);
  if (!match) return null;
  const base64 = match[1]!.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0)
    throw new LicenseFileError(
      "malformed",
      `The ${label === PAYLOAD ? "license" : "signature"} block is damaged (it holds characters a license ` +
        `never has): copy the whole file again.`,
    );
  return Buffer.from(base64, "base64");
}

/** Splits a file into the signed bytes and the signature, or says plainly why it cannot. */
export function decodeLicenseFile(text: string): { payloadBytes: Buffer; signature: Buffer } {
  // The signature block's label contains the payload's, so find it first and read the rest without it.
  const signature = readBlock(text, SIGNATURE);
  const payloadBytes = readBlock(text.replace(/-----\s*BEGIN SEATDESK LICENSE SIGNATURE[\s\S]*$/, ""), PAYLOAD);
  if (!payloadBytes)
    throw new LicenseFileError(
      "not-a-license",
      "This is not a seatdesk license file: it should contain a block starting with -----BEGIN SEATDESK LICENSE-----.",
    );
  if (!signature)
    throw new LicenseFileError(
      "malformed",
      "The license file has no signature block (-----BEGIN SEATDESK LICENSE SIGNATURE-----): copy the whole file.",
    );
  return { payloadBytes, signature };
}

/**
 * Decodes a file and checks its signature against the trusted key, then its payload's shape. Dates
 * are not judged here (see standing.ts): a file can be genuine and still expired.
 */
export function verifyLicenseFile(text: string, trustedKey: KeyObject): VerifiedLicense {
  const { payloadBytes, signature } = decodeLicenseFile(text);
  let genuine = false;
  try {
    genuine = signature.length === 64 && verify(null, payloadBytes, trustedKey, signature);
  } catch {
    genuine = false;
  }
  if (!genuine)
    throw new LicenseFileError(
      "bad-signature",
      `The license file's signature does not match: it was changed after it was signed, or it was signed ` +
        `by another key than this installation trusts (key ${keyFingerprint(trustedKey)}). Ask your vendor for an ` +
        `intact file.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(payloadBytes.toString("utf8"));
  } catch {
    throw new LicenseFileError("invalid-payload", "The license is signed, but what it grants is not readable JSON.");
  }
  const parsed = licensePayload.safeParse(json);
  if (!parsed.success)
    throw new LicenseFileError(
      "invalid-payload",
      `The license is signed, but not one this version of seatdesk can read: ${parsed.error.issues[0]!.message}.`,
    );
  return { payload: parsed.data, keyFingerprint: keyFingerprint(trustedKey) };
}
