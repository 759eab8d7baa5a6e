import "server-only";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { CHANGE_KINDS, approvalPolicyInput, type ApprovalPolicyInput } from "@/lib/validation/changes";
import { z } from "zod";
import { reasonableDateSchema } from "@/lib/validation/common";

/* What an administrator sets for change management: approvers per kind and blackout windows. */

/** The policy of every kind, with the approvers' names (a kind never set: nobody, any one). */
export async function listApprovalPolicies(db: DbOrTx) {
  const rows = await db.changeApprovalPolicy.findMany();
  const people = await db.user.findMany({
    where: { id: { in: rows.flatMap((r) => r.approverIds) } },
    select: { id: true, name: true, email: true, active: true },
  });
  return CHANGE_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return {
      kind,
      mode: row?.mode ?? ("ANY" as const),
      groupId: row?.groupId ?? null,
      approvers: (row?.approverIds ?? []).flatMap((id) => people.filter((p) => p.id === id)),
    };
  });
}

export async function saveApprovalPolicy(db: DbOrTx, rawInput: ApprovalPolicyInput) {
  const input = approvalPolicyInput.parse(rawInput);
  const ids = [...new Set(input.approverIds)];
  const found = await db.user.count({ where: { id: { in: ids }, active: true } });
  if (found !== ids.length)
    throw new AppError("BAD_REQUEST", "Choose active people as approvers.", undefined, "approverIds");
  if (input.groupId && !(await db.group.findUnique({ where: { id: input.groupId }, select: { id: true } })))
    throw new AppError("BAD_REQUEST", "This group no longer exists.", undefined, "groupId");
  const data = { mode: input.mode, approverIds: ids, groupId: input.groupId };
  return db.changeApprovalPolicy.upsert({
    where: { kind: input.kind },
    create: { kind: input.kind, ...data },
    update: data,
  });
}

export const blackoutInput = z
  .object({
    title: z.string().trim().min(1, "Name the blackout window").max(120),
    startsAt: reasonableDateSchema(),
    endsAt: reasonableDateSchema(),
  })
  .refine((b) => b.endsAt > b.startsAt, { message: "The end must be after the start", path: ["endsAt"] });

export async function createBlackout(db: DbOrTx, actorId: string, rawInput: z.input<typeof blackoutInput>) {
  const input = blackoutInput.parse(rawInput);
  return db.changeBlackout.create({ data: { ...input, createdById: actorId } });
}

export async function deleteBlackout(db: DbOrTx, id: string) {
  const removed = await db.changeBlackout.deleteMany({ where: { id } });
  if (removed.count === 0) throw new AppError("NOT_FOUND", "This blackout window was already removed.");
  return { removed: true };
}
