import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createPool, createUser } from "@/test/factories";
import type { Db } from "@/server/db/client";
import {
  seatHistoryFilter,
  seatHistoryFromSearchParams,
  seatHistoryInput,
  seatHistoryQueryString,
  type SeatHistoryFilter,
} from "@/lib/validation/seat-history";
import { recordSeatEvent, type SeatEventInput } from "./events";
import { listSeatEvents, seatEventsCsv, SEAT_EVENT_CSV_HEADER } from "./history";
import { csvCell } from "./csv";
import { describeSeatEvent } from "./event-text";

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

/** RFC 4180, enough to read back what the writer wrote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell || record.length) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

async function collect(filter: SeatHistoryFilter, batchSize?: number) {
  const chunks: string[] = [];
  for await (const chunk of seatEventsCsv(db, filter, { batchSize })) chunks.push(chunk);
  return chunks;
}

async function allPages(filter: SeatHistoryFilter, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await listSeatEvents(db, { ...filter, cursor, limit });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((e) => e.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { ids, pages };
}

describe("listSeatEvents", () => {
  it("filters by pool, person (name or email, case-insensitive, literally), time range and type", async () => {
    const poolA = await createPool(db, { size: 1 });
    const poolB = await createPool(db, { size: 1 });
    const zoe = await createUser(db, { role: "AGENT", name: "Zoë Quartermain", email: `zq-${Date.now()}@example.org` });
    const max = await createUser(db, { role: "AGENT", name: "Max 100%_Sure" });
    const at = (iso: string) => new Date(iso);
    const base = (over: Partial<SeatEventInput>): SeatEventInput => ({
      type: "GRANTED",
      kind: "CONCURRENT",
      poolId: poolA.id,
      poolName: poolA.name,
      userId: zoe.id,
      userName: zoe.name,
      ...over,
    });
    await recordSeatEvent(db, base({ at: at("2030-01-01T08:00:00Z"), reason: "seat free" }));
    await recordSeatEvent(db, base({ at: at("2030-01-01T09:00:00Z"), type: "REFUSED", reason: "1 of 1 seats in use" }));
    await recordSeatEvent(
      db,
      base({
        at: at("2030-01-01T10:00:00Z"),
        type: "NUDGE",
        poolId: poolB.id,
        poolName: poolB.name,
        userId: max.id,
        userName: max.name,
      }),
    );
    await recordSeatEvent(
      db,
      base({ at: at("2030-01-01T11:00:00Z"), type: "RELEASED", reason: "IDLE", userId: max.id, userName: max.name }),
    );
    const window: SeatHistoryFilter = { from: at("2030-01-01T00:00:00Z"), to: at("2030-01-01T23:59:59Z") };

    const reasons = async (filter: SeatHistoryFilter) =>
      (await listSeatEvents(db, { ...window, ...filter })).items.map(
        (e) => `${e.type}@${e.at.toISOString().slice(11, 13)}`,
      );
    expect(await reasons({})).toEqual(["RELEASED@11", "NUDGE@10", "REFUSED@09", "GRANTED@08"]);
    expect(await reasons({ poolId: poolB.id })).toEqual(["NUDGE@10"]);
    expect(await reasons({ userQuery: "quarterMAIN" })).toEqual(["REFUSED@09", "GRANTED@08"]);
    expect(await reasons({ userQuery: zoe.email.slice(0, 12) })).toEqual(["REFUSED@09", "GRANTED@08"]);
    expect(await reasons({ userQuery: "100%_s" })).toEqual(["RELEASED@11", "NUDGE@10"]);
    expect(await reasons({ userQuery: "1000" })).toEqual([]);
    // "%" is a character to find, not a wildcard ("1" then anything then "s" would match Max).
    expect(await reasons({ userQuery: "1%s" })).toEqual([]);
    expect(await reasons({ from: at("2030-01-01T09:00:00Z"), to: at("2030-01-01T10:00:00Z") })).toEqual([
      "NUDGE@10",
      "REFUSED@09",
    ]);
    expect(await reasons({ types: ["REFUSED", "RELEASED"] })).toEqual(["RELEASED@11", "REFUSED@09"]);

    const [released] = (await listSeatEvents(db, { ...window, types: ["RELEASED"] })).items;
    expect(released).toMatchObject({
      userEmail: max.email,
      poolName: poolA.name,
      summary: "Released after the idle timeout",
    });
  });

  it("pages by cursor through every row exactly once, newest first", async () => {
    const pool = await createPool(db, { size: 1 });
    await db.$executeRaw`
      insert into "SeatEvent" (type, "poolId", "poolName", "userName", "requestId")
      select 'GRANTED', ${pool.id}, ${pool.name}, 'Pager', 'page-' || g from generate_series(1, 250) g`;
    const { ids, pages } = await allPages({ poolId: pool.id }, 100);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    const numeric = ids.map(BigInt);
    expect(numeric.every((id, i) => i === 0 || id < numeric[i - 1]!)).toBe(true);
    await expect(listSeatEvents(db, { poolId: pool.id, limit: 101 })).rejects.toThrow(/1 to 100 events/);
  });
});

describe("seat history CSV", () => {
  it("quotes commas, quotes and newlines, and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+33 1")).toBe("'+33 1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes every column, readable back, with hostile values defused", async () => {
    const pool = await createPool(db, { size: 1, name: `Paris, "Level 2" ${Date.now()}` });
    const admin = await createUser(db, { role: "ADMIN", name: "Ada Admin" });
    await recordSeatEvent(db, {
      type: "RELEASED",
      at: new Date("2031-05-06T07:08:09.010Z"),
      userName: '=cmd|"/c calc"!A1',
      kind: "CONCURRENT",
      poolId: pool.id,
      poolName: pool.name,
      reason: "ADMIN",
      actorId: admin.id,
      requestId: "req-1",
      details: { note: 'line one\nline two, "quoted"' },
    });
    const text = (await collect({ poolId: pool.id })).join("");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, row, ...rest] = parseCsv(text.slice(1));
    expect(header).toEqual([...SEAT_EVENT_CSV_HEADER]);
    expect(rest).toEqual([]);
    expect(row).toEqual([
      "2031-05-06T07:08:09.010Z",
      "RELEASED",
      `'=cmd|"/c calc"!A1`,
      pool.name,
      "CONCURRENT",
      "ADMIN",
      "Ada Admin",
      "req-1",
      JSON.stringify({ note: 'line one\nline two, "quoted"' }),
    ]);
  });

  it("streams every matching row of a long history in chunks of one batch", async () => {
    const pool = await createPool(db, { size: 1 });
    const total = 2_600;
    await db.$executeRaw`
      insert into "SeatEvent" (type, "poolId", "poolName", "userName", "requestId")
      select 'REFUSED', ${pool.id}, ${pool.name}, 'Streamer ' || g, 'bulk-' || g from generate_series(1, ${total}) g`;
    const chunks = await collect({ poolId: pool.id }, 1000);
    // The header, then one chunk per batch read: 1000 + 1000 + 600.
    expect(chunks).toHaveLength(4);
    const records = chunks.slice(1).map((c) => parseCsv(c));
    expect(records.map((r) => r.length)).toEqual([1000, 1000, 600]);
    const requestIds = records.flat().map((r) => r[7]);
    expect(new Set(requestIds).size).toBe(total);
    expect(requestIds[0]).toBe(`bulk-${total}`);
    expect(requestIds.at(-1)).toBe("bulk-1");
  });
});

describe("seat history filter schema", () => {
  it("refuses an end before the start, on the end field", () => {
    const result = seatHistoryFilter.safeParse({ from: "2030-01-02T00:00:00Z", to: "2030-01-01T00:00:00Z" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ["to"], message: "The end must be on or after the start" });
    expect(seatHistoryInput.safeParse({ limit: 500 }).success).toBe(false);
    expect(seatHistoryFilter.safeParse({ from: "yesterday" }).error!.issues[0]!.message).toMatch(/valid start date/);
    expect(seatHistoryFilter.safeParse({ types: ["NOPE"] }).success).toBe(false);
  });

  it("round-trips through the CSV link's query string, treating blanks as no filter", () => {
    const filter = seatHistoryFilter.parse({
      poolId: "p1",
      userQuery: " ann ",
      from: "2030-01-01T10:00:00.000Z",
      to: "",
      types: ["GRANTED", "NUDGE"],
    });
    expect(filter).toEqual({
      poolId: "p1",
      userQuery: "ann",
      from: new Date("2030-01-01T10:00:00.000Z"),
      to: undefined,
      types: ["GRANTED", "NUDGE"],
    });
    const back = seatHistoryFilter.parse(
      seatHistoryFromSearchParams(new URLSearchParams(seatHistoryQueryString(filter))),
    );
    expect(back).toEqual(filter);
  });
});

describe("describeSeatEvent", () => {
  const base = { reason: null, actorName: null, actorId: null, details: null };
  it("says what happened in words, with the administrator and their note", () => {
    expect(
      describeSeatEvent({
        ...base,
        type: "RELEASED",
        reason: "ADMIN",
        actorId: "a1",
        actorName: "Ada",
        details: { note: "night shift" },
      }),
    ).toBe("Ended by Ada: night shift");
    expect(describeSeatEvent({ ...base, type: "RELEASED", reason: "IDLE" })).toBe("Released after the idle timeout");
    expect(describeSeatEvent({ ...base, type: "LEFT_QUEUE", reason: "CLOSED" })).toBe(
      "Left the waiting line (every console tab closed)",
    );
    expect(describeSeatEvent({ ...base, type: "REFUSED", reason: "4 of 4 seats in use" })).toBe(
      "Refused: 4 of 4 seats in use",
    );
    expect(
      describeSeatEvent({
        ...base,
        type: "ADMIN_ACTION",
        reason: "license removed",
        actorId: "a1",
        actorName: "Ada",
        details: { note: "left" },
      }),
    ).toBe("License removed by Ada: left");
  });
});
