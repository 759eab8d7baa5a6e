import "server-only";

/* RFC 6238 codes for the server: the functions are in lib/totp.ts (shared with the browser tests). */
export * from "@/lib/totp";
