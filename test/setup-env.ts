import { readFileSync } from "node:fs";

// Configuration the server modules validate on first use. Each test file gets its own database
// (test/db.ts); DATABASE_URL here only satisfies the env schema.
process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1:1/unused";
process.env.NEXTAUTH_SECRET ??= "test-secret-at-least-16-chars";
process.env.LOG_LEVEL ??= "silent";
// Tests trust the development license key (prisma/demo/DEV-ONLY-license-public-key.pem), never the vendor's.
process.env.SEATDESK_LICENSE_PUBLIC_KEY ??= readFileSync("prisma/demo/DEV-ONLY-license-public-key.pem", "utf8");
