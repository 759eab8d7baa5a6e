import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { SsoErrorCode } from "@/lib/auth/sso-messages";

/*
 * next-auth 4 ends every failed OpenID callback on the sign-in page with the same
 * ?error=OAuthCallback, whatever openid-client found wrong. What it found is only in the error
 * next-auth hands its logger (an OAuthCallbackError that keeps openid-client's message). So the
 * auth route runs next-auth inside a context (withSsoFailureContext), the logger notes the
 * classified reason there (noteSsoFailure), and the route rewrites the redirect to the specific
 * code (specificSsoRedirect), which the sign-in page explains (lib/auth/sso-messages.ts).
 *
 * The messages are openid-client 5's (node_modules/openid-client/lib/client.js and
 * next-auth's core/lib/oauth/checks.js), matched on their fixed start; anything else keeps OAuthCallback.
 */

export type SsoFailureCode = Extract<
  SsoErrorCode,
  | "SsoWrongIssuer"
  | "SsoBadSignature"
  | "SsoTokenExpired"
  | "SsoClockSkew"
  | "SsoStateReplayed"
  | "SsoNonceMismatch"
  | "SsoUnreachable"
  | "SsoProviderRefused"
>;

const PATTERNS: ReadonlyArray<readonly [RegExp, SsoFailureCode]> = [
  // The ID token's (or the authorization response's) issuer is not the configured one.
  [/^unexpected iss value|^iss mismatch/, "SsoWrongIssuer"],
  // Signed with a key the provider's JWKS does not hold, or not verifiable with it.
  [/^failed to validate JWT signature|^no valid key found in issuer's jwks_uri|^unexpected JWT alg/, "SsoBadSignature"],
  // Dated in the future: the provider's clock is ahead of ours by more than the 10 s tolerance.
  [/^JWT not active yet|^JWT issued in the future/, "SsoClockSkew"],
  [/^JWT expired/, "SsoTokenExpired"],
  // The state cookie is gone (the callback was already used, or opened in another browser) or differs.
  [
    /^State cookie was missing|^State value could not be parsed|^state mismatch|^checks\.state argument/,
    "SsoStateReplayed",
  ],
  [/^nonce mismatch|^Nonce cookie was missing|^Nonce value could not be parsed/, "SsoNonceMismatch"],
  [
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ETIMEDOUT|outgoing request timed out|socket hang up/,
    "SsoUnreachable",
  ],
  // The provider answered the token request with an OAuth error (invalid_grant: a code used twice, …).
  [/^invalid_grant|^invalid_client|^access_denied|^unauthorized_client/, "SsoProviderRefused"],
];

/** The specific reason of one failure's message, or null when it is none we know. */
export function classifySsoFailure(message: string): SsoFailureCode | null {
  for (const [pattern, code] of PATTERNS) if (pattern.test(message)) return code;
  return null;
}

/** The message of what next-auth's logger.error receives: an Error, or { error, providerId }. */
export function messageOfLogged(metadata: unknown): string | null {
  if (metadata instanceof Error) return withCause(metadata);
  if (metadata && typeof metadata === "object" && "error" in metadata) {
    const inner = (metadata as { error: unknown }).error;
    if (inner instanceof Error) return withCause(inner);
    if (typeof inner === "string") return inner;
  }
  return null;
}

// A network failure's code sits on the error or its cause (fetch's "fetch failed").
function withCause(error: Error & { code?: unknown; cause?: unknown }): string {
  const parts = [error.message, typeof error.code === "string" ? error.code : ""];
  const cause = error.cause as { message?: unknown; code?: unknown } | undefined;
  if (cause && typeof cause === "object") parts.push(String(cause.message ?? ""), String(cause.code ?? ""));
  return parts.filter(Boolean).join(" ");
}

type Context = { code: SsoFailureCode | null };
const storage = new AsyncLocalStorage<Context>();

/** Runs next-auth's handler where its logger can leave the reason of a failure. */
export function withSsoFailureContext<T>(run: () => Promise<T>): Promise<T> {
  return storage.run({ code: null }, run);
}

/** next-auth's logger.error (server/auth/options.ts): keeps the first recognised reason of this request. */
export function noteSsoFailure(metadata: unknown): void {
  const context = storage.getStore();
  if (!context || context.code) return;
  const message = messageOfLogged(metadata);
  context.code = message ? classifySsoFailure(message) : null;
}

/** The reason noted in the current context, if any (tests and the route). */
export const notedSsoFailure = (): SsoFailureCode | null => storage.getStore()?.code ?? null;

/**
 * The redirect next-auth chose, with error=OAuthCallback (or OAuthSignin, for a provider that
 * could not be reached at all) replaced by the noted reason; null when there is nothing to replace.
 */
export function specificSsoRedirect(location: string, code: SsoFailureCode | null): string | null {
  if (!code) return null;
  const url = new URL(location, "http://placeholder.invalid");
  const current = url.searchParams.get("error");
  if (current !== "OAuthCallback" && current !== "OAuthSignin") return null;
  if (current === "OAuthSignin" && code !== "SsoUnreachable") return null;
  url.searchParams.set("error", code);
  return url.origin === "http://placeholder.invalid" ? `${url.pathname}${url.search}` : url.toString();
}
