import "server-only";
import { Prisma } from "../db/client";
import { AppError } from "../errors";
import type { QueueSort } from "@/lib/validation/tickets";

/*
 * The orders of the console's queues, paged by keyset: each order is a list of keys ending with
 * the id (unique), and the cursor holds the last row's key values as text. A key's value is
 * compared in its own type, so "due" sorts by time and "priority" by the enum's order (P1 < P4).
 */

type Key = { expr: Prisma.Sql; cast: string; dir: "asc" | "desc" };

/** The next SLA deadline still running: the response (until first responded), else the resolution. */
export const NEXT_DUE_SQL = Prisma.sql`least(t."resolutionDueAt", case when t."firstRespondedAt" is null then
  t."responseDueAt" end)`;

const updatedAt = (dir: Key["dir"]): Key => ({ expr: Prisma.sql`t."updatedAt"`, cast: "timestamptz", dir });

const SORT_KEYS: Record<QueueSort, Key[]> = {
  updated: [updatedAt("desc")],
  "oldest-update": [updatedAt("asc")],
  created: [{ expr: Prisma.sql`t."createdAt"`, cast: "timestamptz", dir: "desc" }],
  priority: [{ expr: Prisma.sql`t."priority"`, cast: `"Priority"`, dir: "asc" }, updatedAt("desc")],
  // Tickets without a running clock (Pending, resolved, no target) come last.
  due: [{ expr: Prisma.sql`coalesce(${NEXT_DUE_SQL}, 'infinity'::timestamptz)`, cast: "timestamptz", dir: "asc" }],
};

const keysOf = (sort: QueueSort): Key[] => {
  const keys = SORT_KEYS[sort];
  // The id breaks ties in the direction of the last key.
  return [...keys, { expr: Prisma.sql`t."id"`, cast: "text", dir: keys[keys.length - 1]!.dir }];
};

/** `order by` for the sort. */
export function orderBy(sort: QueueSort): Prisma.Sql {
  return Prisma.join(
    keysOf(sort).map((k) => Prisma.sql`${k.expr} ${Prisma.raw(k.dir)}`),
    ", ",
  );
}

/** The select-list columns that give each row's cursor values, as text (k0, k1, ...). */
export function cursorColumns(sort: QueueSort): Prisma.Sql {
  return Prisma.join(
    keysOf(sort).map((k, i) => Prisma.sql`(${k.expr})::text as ${Prisma.raw(`"k${i}"`)}`),
    ", ",
  );
}

export function encodeQueueCursor(sort: QueueSort, row: Record<string, unknown>): string {
  const values = keysOf(sort).map((_, i) => String(row[`k${i}`]));
  return Buffer.from(JSON.stringify({ s: sort, v: values })).toString("base64url");
}

const invalid = () =>
  new AppError("BAD_REQUEST", "This page link is no longer valid. Start from the first page.", undefined, "cursor");

/** Rows after the cursor's row, in the sort's order: (k0 after v0) or (k0 = v0 and k1 after v1) or ... */
export function afterCursor(sort: QueueSort, cursor: string): Prisma.Sql {
  let parsed: { s?: unknown; v?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as typeof parsed;
  } catch {
    throw invalid();
  }
  const keys = keysOf(sort);
  const values = parsed.v;
  // A cursor of another order (the sort changed under an open page) is not valid here.
  if (
    parsed.s !== sort ||
    !Array.isArray(values) ||
    values.length !== keys.length ||
    !values.every((v) => typeof v === "string")
  )
    throw invalid();
  const value = (i: number) => Prisma.sql`${values[i] as string}::${Prisma.raw(keys[i]!.cast)}`;
  const alternatives = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => Prisma.sql`${k.expr} = ${value(j)}`);
    const step = Prisma.sql`${key.expr} ${Prisma.raw(key.dir === "asc" ? ">" : "<")} ${value(i)}`;
    return Prisma.sql`(${Prisma.join([...equal, step], " and ")})`;
  });
  return Prisma.sql`(${Prisma.join(alternatives, " or ")})`;
}
