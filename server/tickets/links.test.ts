import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { giveModuleLicenses } from "@/test/license";
import { console_, createAgent, portal, refusal } from "@/test/tickets";
import { createTicket } from "./create-ticket";
import { getTicketForViewer } from "./get-ticket";
import { linkTickets } from "./links";

let db: Db;
let agent: Awaited<ReturnType<typeof createAgent>>;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  agent = await createAgent(db);
  await giveModuleLicenses(db, [agent.id]); // works change and problem tickets too
});

const open = (type: "INCIDENT" | "PROBLEM" | "CHANGE" | "REQUEST", title: string) =>
  createTicket(db, console_(agent), { type, title });

describe("ticket links", () => {
  it("link a problem to its incidents and a change to what it fixes, once, shown on both sides", async () => {
    const [inc, prb, chg] = [
      await open("INCIDENT", "VPN drops"),
      await open("PROBLEM", "VPN concentrator leaks memory"),
      await open("CHANGE", "Patch concentrator"),
    ];
    await linkTickets(db, console_(agent), { fromId: prb.id, toRef: inc.displayNumber });
    await linkTickets(db, console_(agent), { fromId: chg.id, toRef: prb.id });
    const dup = await refusal(linkTickets(db, console_(agent), { fromId: prb.id, toRef: inc.displayNumber }));
    expect(dup).toMatchObject({
      code: "CONFLICT",
      message: `${prb.displayNumber} is already linked to ${inc.displayNumber}.`,
    });
    const problem = await getTicketForViewer(db, agent, prb.id);
    expect(problem.links.map((l) => [l.direction, l.ticket.displayNumber])).toEqual([
      ["to", inc.displayNumber],
      ["from", chg.displayNumber],
    ]);
    expect(problem.history.map((h) => [h.field, h.toValue])).toEqual([["link", inc.displayNumber]]);
  });

  it("refuse links the types do not allow, self links and the portal", async () => {
    const [inc, prb, req] = [
      await open("INCIDENT", "Printer"),
      await open("PROBLEM", "Drivers"),
      await open("REQUEST", "New printer"),
    ];
    expect(
      (await refusal(linkTickets(db, console_(agent), { fromId: prb.id, toRef: req.displayNumber }))).message,
    ).toBe(`Problems link incidents: ${req.displayNumber} is a service request.`);
    expect(
      (await refusal(linkTickets(db, console_(agent), { fromId: inc.id, toRef: prb.displayNumber }))).message,
    ).toBe(`Incidents do not link other tickets: ${prb.displayNumber} is a problem.`);
    expect((await refusal(linkTickets(db, console_(agent), { fromId: prb.id, toRef: prb.displayNumber }))).field).toBe(
      "toRef",
    );
    expect((await refusal(linkTickets(db, portal(agent), { fromId: prb.id, toRef: inc.displayNumber }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await db.ticketLink.count()).toBe(2);
  });
});
