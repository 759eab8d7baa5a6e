import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createUser } from "@/test/factories";
import { console_, refusal } from "@/test/tickets";
import { giveModuleLicenses } from "@/test/license";
import type { Db } from "@/server/db/client";
import { createBlackout, deleteBlackout, listApprovalPolicies, saveApprovalPolicy } from "./admin";
import { changeCalendar } from "./read";
import { createChange, updateChangePlan } from "./workflow";

/* The change calendar (overlaps, blackouts, at most a year) and what administrators set. */

let db: Db;
let agent: Awaited<ReturnType<typeof createNamedAgent>>;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  agent = await createNamedAgent(db);
  await giveModuleLicenses(db, [agent.id], ["change"]);
});

const at = (iso: string) => new Date(iso);

async function planned(title: string, start: string, end: string) {
  const change = await createChange(db, console_(agent), { title });
  await updateChangePlan(db, console_(agent), { ticketId: change.id, plannedStart: at(start), plannedEnd: at(end) });
  return change;
}

describe("the change calendar", () => {
  it("shows the changes planned in the period, which overlap, and which fall in a blackout", async () => {
    const a = await planned("Firewall", "2027-03-01T20:00:00Z", "2027-03-01T23:00:00Z");
    const b = await planned("Core switch", "2027-03-01T22:00:00Z", "2027-03-02T01:00:00Z");
    const c = await planned("Printers", "2027-03-03T10:00:00Z", "2027-03-03T11:00:00Z");
    await planned("Next month", "2027-04-10T10:00:00Z", "2027-04-10T11:00:00Z");
    await createBlackout(db, agent.id, {
      title: "Quarter close",
      startsAt: at("2027-03-03T00:00:00Z"),
      endsAt: at("2027-03-04T00:00:00Z"),
    });
    const week = await changeCalendar(db, { from: at("2027-03-01T00:00:00Z"), to: at("2027-03-08T00:00:00Z") });
    expect(week.changes.map((x) => [x.displayNumber, x.overlaps, x.blackouts])).toEqual([
      [a.displayNumber, [b.displayNumber], []],
      [b.displayNumber, [a.displayNumber], []],
      [c.displayNumber, [], ["Quarter close"]],
    ]);
    expect(week.blackouts.map((x) => x.title)).toEqual(["Quarter close"]);
  });

  it("refuses a period over a year, or ending before it starts", async () => {
    await expect(changeCalendar(db, { from: at("2027-01-01"), to: at("2028-01-03") })).rejects.toThrow(
      /Show at most a year \(366 days\) at a time/,
    );
    await expect(changeCalendar(db, { from: at("2027-02-01"), to: at("2027-01-01") })).rejects.toThrow(
      /end must be after its start/,
    );
  });
});

describe("what administrators set", () => {
  it("approvers per kind (active people only), and blackout windows", async () => {
    const manager = await createUser(db);
    const gone = await createUser(db, { active: false });
    expect(
      (await refusal(saveApprovalPolicy(db, { kind: "NORMAL", mode: "ALL", approverIds: [gone.id], groupId: null })))
        .field,
    ).toBe("approverIds");
    await saveApprovalPolicy(db, { kind: "NORMAL", mode: "STEPS", approverIds: [manager.id], groupId: null });
    const normal = (await listApprovalPolicies(db)).find((p) => p.kind === "NORMAL");
    expect(normal).toMatchObject({ mode: "STEPS", approvers: [{ id: manager.id, name: manager.name }] });
    expect((await listApprovalPolicies(db)).find((p) => p.kind === "EMERGENCY")).toMatchObject({ approvers: [] });

    const blackout = await createBlackout(db, agent.id, {
      title: "Freeze",
      startsAt: at("2027-12-20T00:00:00Z"),
      endsAt: at("2028-01-02T00:00:00Z"),
    });
    await deleteBlackout(db, blackout.id);
    expect((await refusal(deleteBlackout(db, blackout.id))).message).toBe("This blackout window was already removed.");
  });
});
