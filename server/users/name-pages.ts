import "server-only";

/*
 * Cursor paging in name order, shared by the admin lists of people, groups and group members:
 * fetch one row more than the page to know whether another page follows, and continue after the
 * last id shown (ties on name are broken by id, so no one is repeated or skipped).
 */

export type PageInput = { limit: number; cursor?: string };

/** The findMany arguments of one page: order, one extra row, and where to continue. */
export function namePageArgs(input: PageInput) {
  return {
    orderBy: [{ name: "asc" as const }, { id: "asc" as const }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  };
}

/** The page's rows and the cursor of the next page (null on the last one). */
export function toNamePage<T extends { id: string }>(
  rows: T[],
  input: PageInput,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}
