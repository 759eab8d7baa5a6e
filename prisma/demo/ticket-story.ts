import type { Priority, TicketStatus, TicketType } from "../../server/db/generated/enums";
import type { SlaTargetRow } from "../../server/tickets/sla/load-calendar";
import { pauseClocks, type Pause } from "../../server/tickets/sla/due-times";
import { priorityFor, type PriorityMatrixMap } from "../../server/tickets/priority";
import { statusTimes } from "../../server/tickets/workflow";
import { demoDueTime, type DemoClock } from "./ticket-clock";

/*
 * One demo ticket's life, told event by event as the app would have recorded it: each change
 * bumps the version and writes one history row per field (names for group and assignee, as
 * plan-changes.ts does), status times come from workflow.ts, replies move updatedAt, an agent's
 * first public reply dates the first response. Events later than now do not happen: the story
 * stops there, so a recent ticket is still open where an old one is closed.
 */

export type Person = { id: string; name: string };
export type GroupRef = { id: string; name: string };

export type TicketRow = {
  id: string;
  type: TicketType;
  number: number;
  title: string;
  description: string;
  requesterId: string;
  categoryId: string | null;
  groupId: string | null;
  assigneeId: string | null;
  impact: number;
  urgency: number;
  priority: Priority;
  status: TicketStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  pendingSince: Date | null;
  pausedSeconds: number;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  pausedResponseDueAt: Date | null;
  pausedResolutionDueAt: Date | null;
  slaResponseMinutes: number | null;
  slaResolutionMinutes: number | null;
  slaAroundTheClock: boolean | null;
};
export type CommentRow = {
  id: string;
  ticketId: string;
  authorId: string;
  body: string;
  internal: boolean;
  createdAt: Date;
};
export type HistoryRow = {
  ticketId: string;
  actorId: string | null;
  version: number;
  field: string;
  fromValue: string | null;
  toValue: string | null;
  at: Date;
};
export type LinkRow = { id: string; fromId: string; toId: string; createdById: string; createdAt: Date };

export type StoryContext = {
  now: Date;
  clock: DemoClock;
  matrix: PriorityMatrixMap;
  targets: Record<Priority, SlaTargetRow>;
  uuid: () => string;
};

type Changes = {
  status?: TicketStatus;
  group?: GroupRef | null;
  assignee?: Person | null;
  impact?: number;
  urgency?: number;
};

export class TicketStory {
  readonly comments: CommentRow[] = [];
  readonly history: HistoryRow[] = [];
  readonly links: LinkRow[] = [];
  private readonly pauses: Pause[] = [];
  private group: GroupRef | null;
  private assignee: Person | null;
  private last: number;
  ended = false;

  /** `slots`: the values the ticket's texts chose (Random.fill), for its notes and replies to name the same. */
  constructor(
    private readonly ctx: StoryContext,
    readonly row: TicketRow,
    group: GroupRef | null,
    assignee: Person | null,
    readonly requester: Person,
    readonly slots: Record<string, string> = {},
  ) {
    this.group = group;
    this.assignee = assignee;
    this.last = row.createdAt.getTime();
  }

  get status() {
    return this.row.status;
  }
  get target() {
    return this.ctx.targets[this.row.priority];
  }
  get owner() {
    return this.assignee;
  }
  get currentGroup() {
    return this.group;
  }

  /** The event time (never before the previous event), or null when it lies in the future: the story ends. */
  at(t: Date): Date | null {
    if (this.ended) return null;
    const time = Math.max(t.getTime(), this.last + 1000);
    if (time > this.ctx.now.getTime()) {
      this.ended = true;
      return null;
    }
    this.last = time;
    this.row.updatedAt = new Date(time);
    return new Date(time);
  }

  /** Business (or, for around-the-clock targets, wall) minutes after t, by the ticket's SLA clock. */
  later(t: Date, minutes: number): Date {
    return this.ctx.clock.add(t, Math.max(1, minutes), this.target);
  }

  comment(t: Date, author: Person, body: string, internal: boolean) {
    this.comments.push({
      id: this.ctx.uuid(),
      ticketId: this.row.id,
      authorId: author.id,
      body,
      internal,
      createdAt: t,
    });
    // An agent's first public reply dates the first response (add-comment.ts); the requester's never does.
    if (!internal && !this.row.firstRespondedAt && author.id !== this.row.requesterId) this.row.firstRespondedAt = t;
  }

  change(t: Date, actor: Person | null, c: Changes) {
    const row = this.row;
    const entries: [string, string | null, string | null][] = [];
    if (c.group !== undefined && c.group?.id !== this.group?.id) {
      entries.push(["group", this.group?.name ?? null, c.group?.name ?? null]);
      this.group = c.group;
      row.groupId = c.group?.id ?? null;
    }
    if (c.assignee !== undefined && c.assignee?.id !== this.assignee?.id) {
      entries.push(["assignee", this.assignee?.name ?? null, c.assignee?.name ?? null]);
      this.assignee = c.assignee;
      row.assigneeId = c.assignee?.id ?? null;
    }
    const impact = c.impact ?? row.impact;
    const urgency = c.urgency ?? row.urgency;
    if (impact !== row.impact || urgency !== row.urgency) {
      const priority = priorityFor(this.ctx.matrix, impact, urgency);
      if (impact !== row.impact) entries.push(["impact", String(row.impact), String(impact)]);
      if (urgency !== row.urgency) entries.push(["urgency", String(row.urgency), String(urgency)]);
      if (priority !== row.priority) entries.push(["priority", row.priority, priority]);
      Object.assign(row, { impact, urgency, priority });
    }
    if (c.status && c.status !== row.status) {
      entries.push(["status", row.status, c.status]);
      if (row.status === "PENDING" && row.pendingSince) this.pauses.push({ from: row.pendingSince, to: t });
      Object.assign(row, statusTimes(row.status, c.status, row, t));
      row.status = c.status;
    }
    if (entries.length === 0) return;
    row.version += 1;
    for (const [field, fromValue, toValue] of entries)
      this.history.push({
        ticketId: row.id,
        actorId: actor?.id ?? null,
        version: row.version,
        field,
        fromValue,
        toValue,
        at: t,
      });
  }

  /** A link from this ticket, noted in its history without a new version (links.ts). */
  link(t: Date, actor: Person, to: TicketStory, shown: string) {
    this.links.push({ id: this.ctx.uuid(), fromId: this.row.id, toId: to.row.id, createdById: actor.id, createdAt: t });
    this.history.push({
      ticketId: this.row.id,
      actorId: actor.id,
      version: this.row.version,
      field: "link",
      fromValue: null,
      toValue: shown,
      at: t,
    });
  }

  /** The SLA clocks as the app stores them now (due-times.ts rules): the targets, and the due times. */
  finish() {
    const row = this.row;
    // Each clock's due time with the ended pauses; a Pending ticket's running clocks are paused from pendingSince.
    const due = {
      responseDueAt: demoDueTime(
        this.ctx.clock,
        row.createdAt,
        this.target.responseMinutes,
        this.target,
        this.pauses,
        row.firstRespondedAt,
      ),
      resolutionDueAt: demoDueTime(
        this.ctx.clock,
        row.createdAt,
        this.target.resolutionMinutes,
        this.target,
        this.pauses,
      ),
    };
    Object.assign(row, {
      slaResponseMinutes: this.target.responseMinutes,
      slaResolutionMinutes: this.target.resolutionMinutes,
      slaAroundTheClock: this.target.aroundTheClock,
      ...(row.status === "PENDING" && row.pendingSince
        ? pauseClocks(due, row.pendingSince, row.firstRespondedAt)
        : { ...due, pausedResponseDueAt: null, pausedResolutionDueAt: null }),
    });
  }
}
