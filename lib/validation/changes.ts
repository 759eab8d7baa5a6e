import { z } from "zod";
import { reasonableDateSchema } from "./common";

/* Change management (module "change"): the shapes shared by the forms and the procedures. */

export const CHANGE_KINDS = ["STANDARD", "NORMAL", "EMERGENCY"] as const;
export const CHANGE_STATES = [
  "DRAFT",
  "ASSESSMENT",
  "AWAITING_APPROVAL",
  "SCHEDULED",
  "IMPLEMENTING",
  "REVIEW",
  "CLOSED",
  "CANCELLED",
] as const;
export type ChangeStateValue = (typeof CHANGE_STATES)[number];
export const APPROVAL_MODES = ["ANY", "ALL", "STEPS"] as const;

export const CHANGE_STATE_LABEL: Record<ChangeStateValue, string> = {
  DRAFT: "Draft",
  ASSESSMENT: "Assessment",
  AWAITING_APPROVAL: "Awaiting approval",
  SCHEDULED: "Scheduled",
  IMPLEMENTING: "Implementing",
  REVIEW: "Review",
  CLOSED: "Closed",
  CANCELLED: "Cancelled",
};

/** Where a change may go from each state (the server also checks approval, plan and kind). */
export const CHANGE_NEXT: Record<ChangeStateValue, readonly ChangeStateValue[]> = {
  DRAFT: ["ASSESSMENT", "CANCELLED"],
  ASSESSMENT: ["AWAITING_APPROVAL", "SCHEDULED", "IMPLEMENTING", "DRAFT", "CANCELLED"],
  AWAITING_APPROVAL: ["SCHEDULED", "ASSESSMENT", "CANCELLED"],
  SCHEDULED: ["IMPLEMENTING", "ASSESSMENT", "CANCELLED"],
  IMPLEMENTING: ["REVIEW"],
  REVIEW: ["CLOSED"],
  CLOSED: [],
  CANCELLED: [],
};

/** A plan is a page or two of text; far longer is a paste gone wrong. */
export const MAX_PLAN_CHARS = 20_000;
/** The change calendar shows at most a year at a time. */
export const MAX_CALENDAR_DAYS = 366;

const plan = (what: string) =>
  z.string().max(MAX_PLAN_CHARS, `Keep the ${what} to ${MAX_PLAN_CHARS.toLocaleString("en")} characters or fewer`);

export const changePlanInput = z
  .object({
    ticketId: z.string().min(1).max(100),
    kind: z.enum(CHANGE_KINDS).optional(),
    risk: z.number().int().min(1, "Risk is 1 (low) to 3 (high)").max(3, "Risk is 1 (low) to 3 (high)").optional(),
    plannedStart: reasonableDateSchema().nullish(),
    plannedEnd: reasonableDateSchema().nullish(),
    implementationPlan: plan("implementation plan").optional(),
    backoutPlan: plan("back-out plan").optional(),
    testPlan: plan("test plan").optional(),
  })
  .refine((c) => !c.plannedStart || !c.plannedEnd || c.plannedEnd > c.plannedStart, {
    message: "The planned end must be after the planned start",
    path: ["plannedEnd"],
  });
export type ChangePlanInput = z.infer<typeof changePlanInput>;

export const createChangeInput = z.object({
  title: z.string().trim().min(1, "Give the change a title").max(200, "Keep the title to 200 characters or fewer"),
  description: z.string().max(20_000).optional(),
  kind: z.enum(CHANGE_KINDS).default("NORMAL"),
});
export type CreateChangeInput = z.input<typeof createChangeInput>;

export const moveChangeInput = z.object({
  ticketId: z.string().min(1).max(100),
  to: z.enum(CHANGE_STATES),
  note: z.string().trim().max(2_000).optional(),
});
export type MoveChangeInput = z.infer<typeof moveChangeInput>;

export const decideApprovalInput = z.object({
  approvalId: z.string().min(1).max(100),
  decision: z.enum(["APPROVED", "REJECTED"]),
  comment: z.string().trim().max(2_000, "Keep the comment to 2,000 characters or fewer").optional(),
});
export type DecideApprovalInput = z.infer<typeof decideApprovalInput>;

export const approvalPolicyInput = z.object({
  kind: z.enum(CHANGE_KINDS),
  mode: z.enum(APPROVAL_MODES),
  approverIds: z.array(z.string().min(1).max(100)).max(20, "At most 20 approvers"),
  groupId: z.string().min(1).max(100).nullable(),
});
export type ApprovalPolicyInput = z.infer<typeof approvalPolicyInput>;

export const changeCalendarInput = z
  .object({ from: reasonableDateSchema(), to: reasonableDateSchema() })
  .refine((r) => r.to > r.from, { message: "The calendar's end must be after its start", path: ["to"] })
  .refine((r) => r.to.getTime() - r.from.getTime() <= MAX_CALENDAR_DAYS * 86_400_000, {
    message: `Show at most a year (${MAX_CALENDAR_DAYS} days) at a time`,
    path: ["to"],
  });
export type ChangeCalendarInput = z.infer<typeof changeCalendarInput>;

export const pageOfApprovalsInput = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
});
