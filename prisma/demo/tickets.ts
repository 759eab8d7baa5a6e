import type { Db } from "../../server/db/client";
import { inTransaction } from "../../server/db/transaction";
import type { Priority, TicketType } from "../../server/db/generated/enums";
import { formatTicketNumber, TICKET_TYPES } from "../../lib/validation/tickets";
import { SERVICE_DESK } from "../../server/tickets/assignment";
import { loadPriorityMatrix, priorityFor } from "../../server/tickets/priority";
import { loadCalendar, loadSlaTarget, type SlaTargetRow } from "../../server/tickets/sla/load-calendar";
import { insertDemoTickets } from "./ticket-bulk";
import { demoClock } from "./ticket-clock";
import { agentWorkStory, portalStory, type Cast } from "./ticket-lifecycles";
import { seededRandom, type Random } from "./ticket-random";
import { TicketStory, type Person } from "./ticket-story";
import { AGENT_WORK, CATEGORIES, type CategoryTexts, type SpecialistGroup } from "./ticket-texts";
import { linkPicker } from "./ticket-links";

/** How many demo tickets of each type (about 5,000 in all). */
export const DEMO_TICKET_COUNTS: Record<TicketType, number> = {
  INCIDENT: 2800,
  REQUEST: 1800,
  PROBLEM: 60,
  CHANGE: 190,
  JOB: 150,
};
export const DEMO_DAYS = 90;
const SEED = 4_2026;
const DAY = 86_400_000;
const SEQUENCE: Record<TicketType, string> = {
  INCIDENT: "ticket_number_incident",
  REQUEST: "ticket_number_request",
  PROBLEM: "ticket_number_problem",
  CHANGE: "ticket_number_change",
  JOB: "ticket_number_job",
};
const SPECIALIST_SHARE: Record<SpecialistGroup, number> = {
  Network: 25,
  Applications: 30,
  Infrastructure: 30,
  Security: 15,
};

/**
 * The demo organisation's about 5,000 tickets over the last 90 days, with conversations (issue 4),
 * so the console looks like a real desk on first start. Runs after the people, groups and seats
 * exist. Deterministic (seeded), generated in memory and written with a few bulk inserts: it
 * runs on every first `npm start` and every browser-test run, so it takes a couple of seconds.
 */
export async function seedDemoTickets(db: Db, log: (line: string) => void = () => {}): Promise<void> {
  const started = Date.now();
  const r = seededRandom(SEED);
  const cast = await loadCast(db);
  const now = (await db.$queryRaw<{ now: Date }[]>`select now() as now`)[0]!.now;
  const from = new Date(now.getTime() - DEMO_DAYS * DAY);
  const clock = demoClock(await loadCalendar(db), from, new Date(now.getTime() + 120 * DAY));
  const targets = Object.fromEntries(
    await Promise.all((["P1", "P2", "P3", "P4"] as const).map(async (p) => [p, await loadSlaTarget(db, p)])),
  ) as Record<Priority, SlaTargetRow>;
  const ctx = { now: now, clock, matrix: await loadPriorityMatrix(db), targets, uuid: r.uuid };

  await db.category.createMany({ data: CATEGORIES.map((c) => ({ name: c.name })), skipDuplicates: true });
  const categoryIds = new Map(
    (await db.category.findMany({ select: { id: true, name: true } })).map((c) => [c.name, c.id]),
  );

  // When each ticket is opened: mostly in business hours (a uniform point of the desk's open
  // time), some outside them.
  const openTime = clock.between(from, now, { aroundTheClock: false });
  const createdAt = () =>
    r.chance(0.88)
      ? clock.add(from, r.next() * openTime, { aroundTheClock: false })
      : new Date(from.getTime() + r.next() * (now.getTime() - from.getTime()));
  // Each ticket draws its words and its story from a generator of its own: what a ticket says
  // does not depend on where the dates put it in the order.
  let index = 0;
  const plan = TICKET_TYPES.flatMap((type) =>
    Array.from({ length: DEMO_TICKET_COUNTS[type] }, () => ({
      type,
      createdAt: createdAt(),
      r: seededRandom(Math.imul(SEED, 31) ^ Math.imul(++index, 0x9e3779b1)),
    })),
  );
  plan.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  const numbers = await reserveNumbers(
    db,
    plan.map((p) => p.type),
  );
  const stories = plan.map(({ type, createdAt, r: own }) => {
    const s =
      type === "INCIDENT" || type === "REQUEST"
        ? portalTicket(own, cast, { ...ctx, uuid: own.uuid }, type, createdAt)
        : agentTicket(own, cast, { ...ctx, uuid: own.uuid }, type, createdAt);
    s.story.row.number = numbers[type].shift()!;
    s.story.row.categoryId = categoryIds.get(s.category.name) ?? null;
    return { ...s, r: own };
  });
  const pickLinks = linkPicker(stories);
  for (const s of stories) {
    if (s.story.row.type === "INCIDENT" || s.story.row.type === "REQUEST") portalStory(s.story, s.r, cast, s.category);
    else {
      const targetsOf = pickLinks(s.r, s);
      agentWorkStory(s.story, s.r, cast, (t, by) =>
        targetsOf.forEach((to) =>
          s.story.link(t, by, to.story, formatTicketNumber(to.story.row.type, to.story.row.number)),
        ),
      );
    }
    s.story.finish();
  }
  const all = stories.map((s) => s.story);
  const data = {
    tickets: all.map((s) => s.row),
    comments: all.flatMap((s) => s.comments),
    history: all.flatMap((s) => s.history),
    links: all.flatMap((s) => s.links),
  };
  await inTransaction(
    db,
    async (tx) => {
      await insertDemoTickets(tx, data);
    },
    { kind: "demoData" },
  );
  log(
    `Demo tickets created in ${((Date.now() - started) / 1000).toFixed(1)} ` +
      `s: ${data.tickets.length.toLocaleString("en-US")} ` +
      `tickets, ${data.comments.length.toLocaleString("en-US")} replies and ` +
      `notes, ${data.history.length.toLocaleString("en-US")} history entries, ${data.links.length} links.`,
  );
}

export type PlannedTicket = { story: TicketStory; category: CategoryTexts; team: SpecialistGroup | null };
type Ctx = ConstructorParameters<typeof TicketStory>[0];

const baseRow = (r: Random, ctx: Ctx, type: TicketType, createdAt: Date, impact: number, urgency: number) => ({
  id: r.uuid(),
  type,
  number: 0,
  impact,
  urgency,
  priority: priorityFor(ctx.matrix, impact, urgency),
  status: "NEW" as const,
  version: 1,
  createdAt,
  updatedAt: createdAt,
  firstRespondedAt: null,
  resolvedAt: null,
  closedAt: null,
  pendingSince: null,
  pausedSeconds: 0,
  responseDueAt: null,
  resolutionDueAt: null,
  pausedResponseDueAt: null,
  pausedResolutionDueAt: null,
  slaResponseMinutes: null,
  slaResolutionMinutes: null,
  slaAroundTheClock: null,
});

function portalTicket(
  r: Random,
  cast: Cast & { endUsers: Person[] },
  ctx: Ctx,
  type: TicketType,
  createdAt: Date,
): PlannedTicket {
  const incident = type === "INCIDENT";
  const category = r.weighted(CATEGORIES, (c) => (incident ? c.weight.incident : c.weight.request));
  // Some people ask far more often than others: a third of the tickets come from a fifth of the people.
  const requester =
    cast.endUsers[
      r.chance(0.3) ? r.int(0, Math.floor(cast.endUsers.length / 5) - 1) : r.int(0, cast.endUsers.length - 1)
    ]!;
  const text = r.pick(incident ? category.incidents : category.requests);
  const impact = incident ? r.weighted([3, 2, 1], (l) => [70, 22, 8][3 - l]!) : r.chance(0.9) ? 3 : 2;
  const urgency = incident ? r.weighted([1, 2, 3], (l) => [15, 50, 35][l - 1]!) : r.chance(0.6) ? 3 : 2;
  const slots: Record<string, string> = {};
  const title = r.fill(text.title, slots);
  const row = {
    ...baseRow(r, ctx, type, createdAt, impact, urgency),
    title: title.charAt(0).toUpperCase() + title.slice(1),
    description: `${r.fill(text.description, slots)}\n\n${requester.name}`,
    requesterId: requester.id,
    categoryId: null,
    groupId: cast.desk.id,
    assigneeId: null,
  };
  return { story: new TicketStory(ctx, row, cast.desk, null, requester, slots), category, team: null };
}

function agentTicket(r: Random, cast: Cast, ctx: Ctx, type: TicketType, createdAt: Date): PlannedTicket {
  const team = r.weighted(Object.keys(SPECIALIST_SHARE) as SpecialistGroup[], (g) => SPECIALIST_SHARE[g]);
  const { group, members } = cast.specialists[team];
  const creator = r.pick(members);
  const assignee = r.chance(0.8) ? creator : r.pick(members);
  const work = AGENT_WORK[team];
  const text = r.pick(type === "PROBLEM" ? work.problems : type === "CHANGE" ? work.changes : work.jobs);
  const [impact, urgency] =
    type === "PROBLEM"
      ? r.chance(0.25)
        ? [1, 2]
        : [2, 2]
      : type === "CHANGE"
        ? r.chance(0.5)
          ? [2, 2]
          : [2, 3]
        : [3, 3];
  const category = r.pick(CATEGORIES.filter((c) => c.escalateTo === team));
  const slots: Record<string, string> = {};
  const row = {
    ...baseRow(r, ctx, type, createdAt, impact!, urgency!),
    title: r.fill(text.title, slots),
    description: r.fill(text.description, slots),
    requesterId: creator.id,
    categoryId: null,
    groupId: group.id,
    assigneeId: assignee.id,
  };
  return { story: new TicketStory(ctx, row, group, assignee, creator, slots), category, team };
}

/** Numbers from each type's sequence (nextval, as create-ticket.ts does), in creation order. */
async function reserveNumbers(db: Db, types: TicketType[]): Promise<Record<TicketType, number[]>> {
  const out = {} as Record<TicketType, number[]>;
  for (const type of TICKET_TYPES) {
    const count = types.filter((t) => t === type).length;
    const rows = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
      `select nextval('${SEQUENCE[type]}') as n from generate_series(1, $1::int)`,
      count,
    );
    out[type] = rows.map((x) => Number(x.n)).sort((a, b) => a - b);
  }
  return out;
}

/** The demo organisation's people and groups, as prisma/seed.ts made them. */
async function loadCast(db: Db): Promise<Cast & { endUsers: Person[] }> {
  const groups = await db.group.findMany({
    select: {
      id: true,
      name: true,
      members: { select: { user: { select: { id: true, name: true } } }, orderBy: { user: { email: "asc" } } },
    },
  });
  const byName = (name: string) => {
    const g = groups.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!g) throw new Error(`The demo tickets need the group ${name}: seed the people first.`);
    return { group: { id: g.id, name: g.name }, members: g.members.map((m) => m.user) };
  };
  const desk = byName(SERVICE_DESK);
  const specialists = Object.fromEntries(
    (Object.keys(SPECIALIST_SHARE) as SpecialistGroup[]).map((g) => [g, byName(g)]),
  ) as Cast["specialists"];
  const endUsers = await db.user.findMany({
    where: { role: "END_USER", active: true },
    orderBy: { email: "asc" },
    select: { id: true, name: true },
  });
  const settings = await db.ticketSettings.findUnique({ where: { id: 1 }, select: { autoCloseDays: true } });
  return {
    desk: desk.group,
    deskAgents: desk.members,
    specialists,
    endUsers,
    autoCloseDays: settings?.autoCloseDays ?? 7,
  };
}
