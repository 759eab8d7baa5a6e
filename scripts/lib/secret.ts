import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** NEXTAUTH_SECRET when none is given: generated once, kept under .data/ (git-ignored). */
export function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "nextauth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
