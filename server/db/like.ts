import "server-only";

/**
 * Text to find as it is typed, for Prisma's `contains` (and `startsWith`, `endsWith`) and for
 * LIKE patterns: Prisma passes the value into LIKE unescaped, so without this a search for
 * "a_b" also finds "axb", and "%" finds everyone. PostgreSQL's LIKE escapes with a backslash.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
