import "server-only";
import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt";

/*
 * next-auth's decode derives the encryption key from the secret (HKDF) and decrypts the JWT on
 * every call: about a millisecond and a half of CPU per request, for a token that is the same on
 * each request of a sign-in. This keeps what a token string decoded to, until the token expires.
 * Only the exact string a client presents finds its entry, so nothing is trusted that the full
 * decode would not have accepted; the server-side session row is still checked on every request
 * (server/auth/auth-sessions.ts), so ending a session still works at once.
 */

const MAX_ENTRIES = 10_000;
/** next-auth's own decode accepts a token up to 15 s past its expiry. */
const CLOCK_TOLERANCE_SECONDS = 15;

const decoded = new Map<string, { payload: JWT; expiresAtMs: number }>();

export async function cachedDecode(params: JWTDecodeParams): Promise<JWT | null> {
  const { token } = params;
  if (!token) return null;
  const hit = decoded.get(token);
  if (hit && hit.expiresAtMs > Date.now()) return hit.payload;
  if (hit) decoded.delete(token);
  const payload = await decode(params);
  const exp = typeof payload?.exp === "number" ? payload.exp : null;
  if (payload && exp !== null) {
    // Oldest entries go first when full (a Map keeps insertion order).
    if (decoded.size >= MAX_ENTRIES) decoded.delete(decoded.keys().next().value!);
    decoded.set(token, { payload, expiresAtMs: (exp + CLOCK_TOLERANCE_SECONDS) * 1000 });
  }
  return payload;
}
