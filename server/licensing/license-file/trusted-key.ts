import "server-only";
import type { KeyObject } from "node:crypto";
import { env } from "../../env";
import { parsePublicKey } from "./codec";

/*
 * The one key a license file must be signed with. The vendor's public key is built in; its private
 * half is the vendor's and is not in this repository. SEATDESK_LICENSE_PUBLIC_KEY replaces it for
 * people who build their own (and for the demo and tests, which trust the development key in
 * prisma/demo/DEV-ONLY-license-public-key.pem).
 */
export const VENDOR_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA3p4mmmrE8beq3culH6mG5ILfEXW7FvdP+bnmPq7LbJQ=
-----END PUBLIC KEY-----`;

let cached: { source: string; key: KeyObject } | undefined;

export function trustedLicenseKey(): KeyObject {
  const source = env.SEATDESK_LICENSE_PUBLIC_KEY ?? VENDOR_PUBLIC_KEY_PEM;
  if (cached?.source !== source) {
    try {
      cached = { source, key: parsePublicKey(source) };
    } catch (error) {
      throw new Error(
        `SEATDESK_LICENSE_PUBLIC_KEY is not an Ed25519 public key in PEM form ` +
          `(${error instanceof Error ? error.message : error}).`,
      );
    }
  }
  return cached.key;
}
