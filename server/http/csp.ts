import "server-only";

/*
 * Content Security Policy. Pages get a policy with a fresh nonce per request (proxy.ts): a
 * script runs only when it is the app's own file or carries the nonce Next put on its inline
 * bootstrap scripts ('strict-dynamic' lets those load the chunks they need); an injected
 * <script> or inline handler does not. Styles keep 'unsafe-inline' (components set style
 * attributes; a style cannot run code). Nonces need every page rendered per request: the root
 * layout reads the request headers (app/layout.tsx). API responses are never documents to run:
 * next.config.js gives /api/* a policy that allows nothing and sandboxes it (attachment downloads
 * also send it themselves, server/attachments/http.ts).
 * Imported by proxy.ts, hence no "server-only" import; it uses only Web APIs.
 */

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** A fresh, unguessable nonce (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function pageCsp(nonce: string, options: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // React's development build needs eval for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
  ].join("; ");
}
