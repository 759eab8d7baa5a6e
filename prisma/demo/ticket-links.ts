import type { Random } from "./ticket-random";
import type { PlannedTicket } from "./tickets";

/*
 * Which earlier tickets a demo problem or change links (links.ts allows: problems link
 * incidents, changes link incidents, problems and requests): incidents of the categories the
 * problem's group handles from the previous weeks; for some changes, the problem they fix (each
 * problem fixed by one change at most) and a few incidents or requests.
 */

const DAY = 86_400_000;

/** `all` in creation order; returns the picker for the agent tickets among them. */
export function linkPicker(all: PlannedTicket[]): (r: Random, from: PlannedTicket) => PlannedTicket[] {
  const index = new Map<string, PlannedTicket[]>();
  for (const t of all) {
    const key = `${t.category.escalateTo}|${t.story.row.type}`;
    const list = index.get(key);
    if (list) list.push(t);
    else index.set(key, [t]);
  }
  const fixed = new Set<PlannedTicket>();
  // Tickets of this team and type opened in the `days` before `from` (lists are in creation order).
  const recent = (from: PlannedTicket, type: string, days: number) => {
    const created = from.story.row.createdAt.getTime();
    return (index.get(`${from.category.escalateTo}|${type}`) ?? []).filter(
      (t) => t.story.row.createdAt.getTime() < created && t.story.row.createdAt.getTime() > created - days * DAY,
    );
  };
  const sample = (r: Random, items: PlannedTicket[], count: number) => {
    const picked = new Set<PlannedTicket>();
    for (let tries = 0; picked.size < Math.min(count, items.length) && tries < count * 10; tries++)
      picked.add(r.pick(items));
    return [...picked];
  };
  return (r, from) => {
    if (from.story.row.type === "PROBLEM") return sample(r, recent(from, "INCIDENT", 20), r.int(2, 6));
    if (from.story.row.type !== "CHANGE") return [];
    const out: PlannedTicket[] = [];
    if (r.chance(0.4)) {
      const problem = sample(
        r,
        recent(from, "PROBLEM", 45).filter((p) => !fixed.has(p)),
        1,
      )[0];
      if (problem) {
        fixed.add(problem);
        out.push(problem);
      }
    }
    if (r.chance(0.5))
      out.push(...sample(r, [...recent(from, "INCIDENT", 10), ...recent(from, "REQUEST", 10)], r.int(1, 2)));
    return out;
  };
}
