import type { Random } from "./ticket-random";
import {
  ACKNOWLEDGEMENTS,
  ANSWERS,
  ESCALATION_NOTES,
  QUESTIONS,
  THANKS,
  WORK_NOTES_GENERIC,
  type CategoryTexts,
  type SpecialistGroup,
} from "./ticket-texts";
import type { GroupRef, Person, TicketStory } from "./ticket-story";

/*
 * How demo tickets live. Portal tickets (incidents, requests): the Service Desk picks them up
 * within the response target (a few late), answers, sometimes waits on the requester (Pending),
 * escalates about a quarter to a specialist group with an internal note, and resolves most within
 * the resolution target; the requester confirms, or the ticket closes itself after the
 * auto-close days. Agent work (problems, changes, jobs) lives in the specialists' groups.
 * Durations are drawn as shares of the SLA targets, so compliance looks like a real desk's.
 */

export type Cast = {
  desk: GroupRef;
  deskAgents: Person[];
  specialists: Record<SpecialistGroup, { group: GroupRef; members: Person[] }>;
  autoCloseDays: number;
};

const HOUR = 3_600_000;
const wall = (t: Date, hours: number) => new Date(t.getTime() + hours * HOUR);
const first = (p: Person) => p.name.split(" ")[0]!;

/** A share of an SLA target: mostly well within it, sometimes late. */
const share = (r: Random, lateChance: number) => (r.chance(lateChance) ? r.between(1.05, 3) : r.between(0.08, 0.85));

export function portalStory(s: TicketStory, r: Random, cast: Cast, category: CategoryTexts): void {
  const requester = s.requester;
  // The ticket's own share, site or application where a note or reply names one.
  const fill = (text: string, extra: Record<string, string> = {}) =>
    r.fill(text, { ...s.slots, requester: first(requester), ...extra });
  let t: Date | null = s.row.createdAt;

  if (r.chance(0.03)) {
    // Withdrawn before anyone picked it up.
    if ((t = s.at(wall(t, r.between(0.1, 3))))) {
      s.comment(
        t,
        requester,
        r.pick(["No longer needed: it works again.", "Sorry, my mistake, please ignore.", "Solved it myself, thanks."]),
        false,
      );
      s.change(t, requester, { status: "CANCELLED" });
    }
    return;
  }
  const desk = r.pick(cast.deskAgents);
  const budget = s.target.resolutionMinutes * share(r, 0.1);
  // Fixed waits (a specialist picking up, a requester's answer read) shrink for urgent tickets.
  const scale = Math.min(1, s.target.resolutionMinutes / 1800);
  if (!(t = s.at(s.later(t, s.target.responseMinutes * share(r, 0.07))))) return;
  s.change(t, desk, { assignee: desk, status: "ASSIGNED" });
  if (!(t = s.at(s.later(t, r.int(1, 8))))) return;
  s.comment(t, desk, fill(r.pick(ACKNOWLEDGEMENTS), { agent: first(desk) }), false);
  // Now and then the desk finds it more urgent than reported (the matrix gives the priority).
  s.change(t, desk, { status: "IN_PROGRESS", ...(r.chance(0.05) ? { impact: Math.max(1, s.row.impact - 1) } : {}) });
  let owner = desk;

  if (r.chance(0.6) && (t = s.at(s.later(t, budget * 0.15))))
    s.comment(t, owner, fill(r.pick(r.chance(0.7) ? category.notes : WORK_NOTES_GENERIC)), true);
  if (!t) return;

  if (r.chance(s.row.type === "INCIDENT" ? 0.28 : 0.18)) {
    const team = cast.specialists[category.escalateTo];
    if (!(t = s.at(s.later(t, budget * 0.2)))) return;
    s.comment(t, desk, fill(r.pick(ESCALATION_NOTES), { group: team.group.name }), true);
    s.change(t, desk, { group: team.group, assignee: null, status: "NEW" });
    owner = r.pick(team.members);
    if (!(t = s.at(s.later(t, r.between(20, 300) * scale)))) return;
    s.change(t, owner, { assignee: owner, status: "ASSIGNED" });
    if (!(t = s.at(s.later(t, r.between(2, 60))))) return;
    s.change(t, owner, { status: "IN_PROGRESS" });
    if (r.chance(0.7)) s.comment(t, owner, fill(r.pick(category.notes)), true);
  }

  if (r.chance(0.22)) {
    if (!(t = s.at(s.later(t, budget * 0.2)))) return;
    s.comment(t, owner, `Hi ${first(requester)}, ${r.pick(QUESTIONS).replace(/^./, (c) => c.toLowerCase())}`, false);
    s.change(t, owner, { status: "PENDING" });
    if (!(t = s.at(wall(t, r.chance(0.8) ? r.between(0.5, 30) : r.between(30, 120))))) return;
    s.comment(t, requester, fill(r.pick(ANSWERS)), false);
    if (!(t = s.at(s.later(t, r.between(5, 120) * scale)))) return;
    s.change(t, owner, { status: "IN_PROGRESS" });
  }

  if (!(t = s.at(s.later(t, budget * 0.45)))) return;
  s.comment(t, owner, `Hi ${first(requester)}, ${fill(r.pick(category.fixes))}\n\n${first(owner)}`, false);
  s.change(t, owner, { status: "RESOLVED" });

  if (r.chance(0.04)) {
    // Reopened by the requester, resolved again.
    if (!(t = s.at(wall(t, r.between(2, 40))))) return;
    s.comment(t, requester, "Unfortunately it is happening again.", false);
    s.change(t, requester, { status: "IN_PROGRESS" });
    if (!(t = s.at(s.later(t, r.between(30, 600) * scale)))) return;
    s.comment(t, owner, `Sorry about that, ${first(requester)}. ${fill(r.pick(category.fixes))}`, false);
    s.change(t, owner, { status: "RESOLVED" });
  }
  closeAfterResolution(s, r, cast, t, 0.45);
}

/** The requester confirms (with a thank-you) or the ticket closes itself after the auto-close days. */
function closeAfterResolution(s: TicketStory, r: Random, cast: Cast, resolvedAt: Date, confirmChance: number) {
  let t: Date | null;
  if (r.chance(confirmChance)) {
    if (!(t = s.at(wall(resolvedAt, r.between(0.2, cast.autoCloseDays * 24 * 0.6))))) return;
    if (r.chance(0.7)) s.comment(t, s.requester, r.pick(THANKS), false);
    s.change(t, s.requester, { status: "CLOSED" });
  } else if ((t = s.at(wall(resolvedAt, cast.autoCloseDays * 24)))) {
    s.change(t, null, { status: "CLOSED" });
  }
}

/** Problems, changes and jobs: opened by a specialist for their group, worked by them. */
export function agentWorkStory(s: TicketStory, r: Random, cast: Cast, linkAll: (t: Date, by: Person) => void): void {
  const owner = s.owner ?? s.requester;
  let t: Date | null = s.row.createdAt;
  if (!(t = s.at(wall(t, r.between(0.05, 1))))) return;
  linkAll(t, owner);
  if (s.row.type === "PROBLEM") {
    s.change(t, owner, { status: "IN_PROGRESS" });
    for (let i = r.int(1, 4); i > 0; i--) {
      if (!(t = s.at(wall(t, r.between(12, 24 * 6))))) return;
      s.comment(
        t,
        owner,
        r.pick([
          "Root cause analysis ongoing; collected data from the affected users.",
          "Vendor case opened, waiting for their analysis.",
          "Workaround documented for the desk in the knowledge base.",
          "Reproduced in the test environment.",
        ]),
        true,
      );
    }
    if (r.chance(0.35)) {
      if (!(t = s.at(wall(t, r.between(1, 24 * 5))))) return;
      s.change(t, owner, { status: "PENDING" });
      if (!(t = s.at(wall(t, r.between(24, 24 * 10))))) return;
      s.change(t, owner, { status: "IN_PROGRESS" });
    }
    if (!(t = s.at(wall(t, r.between(24, 24 * 20))))) return;
    s.comment(t, owner, "Root cause fixed by the linked change; no new incidents since.", true);
    s.change(t, owner, { status: "RESOLVED" });
  } else if (s.row.type === "CHANGE") {
    s.comment(
      t,
      owner,
      r.pick([
        "Planned for the Saturday maintenance window, 06:00-08:00.",
        "Approved by the change board.",
        "Rollback plan attached in the description.",
      ]),
      true,
    );
    if (r.chance(0.3)) {
      s.change(t, owner, { status: "PENDING" });
      if (!(t = s.at(wall(t, r.between(24, 24 * 6))))) return;
    }
    s.change(t, owner, { status: "ASSIGNED" });
    if (!(t = s.at(wall(t, r.between(24, 24 * 8))))) return;
    s.change(t, owner, { status: "IN_PROGRESS" });
    if (!(t = s.at(wall(t, r.between(1, 4))))) return;
    s.comment(
      t,
      owner,
      r.pick([
        "Implemented in the window, no issues.",
        "Done; monitoring for a day before closing.",
        "Implemented; two servers needed a second reboot.",
      ]),
      true,
    );
    s.change(t, owner, { status: "RESOLVED" });
  } else {
    if (!(t = s.at(wall(t, r.between(1, 24))))) return;
    s.change(t, owner, { status: "IN_PROGRESS" });
    if (!(t = s.at(wall(t, r.between(2, 72))))) return;
    s.comment(
      t,
      owner,
      r.pick(["Done, nothing unusual.", "Completed; two findings sent to the owners.", "Completed as planned."]),
      true,
    );
    s.change(t, owner, { status: "RESOLVED" });
    if ((t = s.at(wall(t, r.between(0.1, 24))))) s.change(t, owner, { status: "CLOSED" });
    return;
  }
  if ((t = s.at(wall(t, cast.autoCloseDays * 24)))) s.change(t, null, { status: "CLOSED" });
}
