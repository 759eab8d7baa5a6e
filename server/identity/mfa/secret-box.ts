import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../../env";

/*
 * TOTP secrets must be readable by the server (to compute codes), so they are encrypted rather than
 * hashed: AES-256-GCM under a key derived (HKDF) from NEXTAUTH_SECRET, so a copy of the database
 * alone does not give anyone's second factor. Format: v1.<iv>.<tag>.<ciphertext>, base64url.
 */
function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", env.NEXTAUTH_SECRET, "seatdesk", "mfa-totp-secret-v1", 32));
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("Unreadable MFA secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
