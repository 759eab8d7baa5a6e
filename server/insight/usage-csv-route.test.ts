import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import type { UsageReport, UsageReportInput } from "@/server/insight/types";

/*
 * GET /api/reports/usage, called as Next calls it. The session lookup reads a real session row
 * (Next's cookies do not exist here). The usage report itself is a fixed report: this file
 * proves who may download, the input messages, and that each table's numbers reach the CSV
 * formula-safe; the report's own numbers are the insight domain's tests.
 */
const current = vi.hoisted(() => ({
  session: null as ValidSession | null,
  db: null as Db | null,
  calls: [] as unknown[],
}));
vi.mock("@/server/auth/current-user", () => ({ getCurrentSession: async () => current.session }));
vi.mock("@/server/db/client", async (original) => ({
  ...(await original<typeof import("@/server/db/client")>()),
  getDb: () => current.db,
}));
vi.mock("@/server/insight/usage-report", () => ({
  getUsageReport: async (_db: Db, input: UsageReportInput) => {
    current.calls.push(input);
    return fixture(input);
  },
}));

const { GET } = await import("@/app/api/reports/usage/route");

function fixture(input: UsageReportInput): UsageReport {
  const zeros = () => Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  const heatmap = zeros();
  heatmap[0]![9] = 2.5;
  return {
    from: input.from,
    to: input.to,
    scope: input.scope,
    scopeName: "Specialists",
    timeZone: "Europe/Stockholm",
    generatedAt: input.to,
    empty: false,
    message: null,
    seats: 4,
    peak: 4,
    hourlyPeaks: [{ hour: new Date("2030-01-06T08:00:00Z"), peak: 4, refusals: 1 }],
    dailyPeaks: [{ day: "2030-01-06", peak: 4, refusals: 1, seatHoursUsed: 12.345 }],
    heatmap,
    heatmapPeak: zeros(),
    refusals: {
      count: 1,
      ratePercent: 10,
      truncated: false,
      items: [
        {
          at: new Date("2030-01-06T08:30:00Z"),
          userId: "u1",
          name: '=HYPERLINK("x")',
          poolId: "p1",
          poolName: "Specialists",
          waitedSeconds: 600,
          outcome: "GRANTED_LATER",
        },
      ],
    },
    seatHoursUsed: 12.345,
    seatHoursIdle: 83.655,
    seatHoursHeldIdle: 1,
    seatHoursOwned: 96,
    agents: [
      {
        userId: "u1",
        name: "Rita, Ops",
        email: "rita@example.org",
        license: { kind: "CONCURRENT", poolId: "p1", poolName: "Specialists" },
        activeHours: 10,
        heldHours: 11.5,
        daysActive: 1,
        leases: 2,
        refusals: 1,
        waitedSeconds: 600,
      },
    ],
    scopes: [],
  };
}

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  current.db = db;
});

const as = async (role: "ADMIN" | "REPORT_VIEWER" | "AGENT" | "END_USER") => {
  current.session = await signIn(db, (await createUser(db, { role })).id);
};
const get = (query: string) => GET(new Request(`http://localhost/api/reports/usage?${query}`));
const period = "from=2030-01-01T00:00:00.000Z&to=2030-02-01T00:00:00.000Z&scope=p1";
const lines = async (res: Response) => (await res.text()).trimEnd().split("\r\n");

describe("GET /api/reports/usage", () => {
  it("refuses anonymous (401), end users and agents (403), as JSON, before making a report", async () => {
    current.session = null;
    expect((await get(period)).status).toBe(401);
    for (const role of ["END_USER", "AGENT"] as const) {
      await as(role);
      const res = await get(period);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        message: "This is only for administrators and report viewers.",
        field: null,
        fieldErrors: null,
        details: null,
      });
    }
    expect(current.calls).toEqual([]);
  });

  it("answers bad input with 400 and the message beside its field", async () => {
    await as("REPORT_VIEWER");
    const reversed = await get("from=2030-02-01T00:00:00Z&to=2030-01-01T00:00:00Z&scope=named");
    expect(reversed.status).toBe(400);
    expect(await reversed.json()).toEqual({
      message: "The period is empty: the end must be after the start",
      field: "to",
      details: null,
      fieldErrors: { to: ["The period is empty: the end must be after the start"] },
    });
    const missing = await get("from=&to=2030-01-01T00:00:00Z&scope=named");
    expect((await missing.json()).fieldErrors).toEqual({ from: ["Enter the start of the period"] });
    const section = await get(`${period}&section=everything`);
    expect(section.status).toBe(400);
    expect((await section.json()).fieldErrors.section[0]).toMatch(/^Choose a table to export: daily, hourly/);
    expect(current.calls).toEqual([]);
  });

  it("gives a report viewer the daily table by default, named for the period", async () => {
    await as("REPORT_VIEWER");
    const res = await get(period);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="seat-usage-daily-2030-01-01-to-2030-02-01.csv"',
    );
    expect(await lines(res)).toEqual([
      "day (Europe/Stockholm),peak seats in use,seats owned,refusals,seat-hours held",
      "2030-01-06,4,4,1,12.35",
    ]);
    expect(current.calls.at(-1)).toMatchObject({
      from: new Date("2030-01-01T00:00:00Z"),
      to: new Date("2030-02-01T00:00:00Z"),
      scope: "p1",
    });
  });

  it("gives an administrator each table, with names quoted and formulas defused", async () => {
    await as("ADMIN");
    expect(await lines(await get(`${period}&section=refusals`))).toEqual([
      "time,person,pool,waited seconds,outcome",
      `2030-01-06T08:30:00.000Z,"'=HYPERLINK(""x"")",Specialists,600,GRANTED_LATER`,
    ]);
    expect((await lines(await get(`${period}&section=agents`)))[1]).toBe(
      '"Rita, Ops",rita@example.org,pool Specialists,10,11.5,1,2,1,600',
    );
    const heat = await lines(await get(`${period}&section=heatmap`));
    expect(heat).toHaveLength(1 + 7 * 24);
    expect(heat[10]).toBe("Monday,9,2.5,0");
    expect(await lines(await get(`${period}&section=hourly`))).toEqual([
      "hour (UTC),peak seats in use,seats owned,refusals",
      "2030-01-06T08:00:00.000Z,4,4,1",
    ]);
  });
});
