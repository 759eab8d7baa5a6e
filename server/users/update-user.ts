import "server-only";
import type { Db } from "../db/client";
import { inTransaction, isUniqueViolation } from "../db/transaction";
import { AppError } from "../errors";
import { lockUser } from "../licensing/locks";
import { updateUserInput, type UpdateUserInput } from "@/lib/validation/users";
import type { Actor } from "./actor";
import { assertIdentityFree, emptyToNull } from "./identity";
import { removeSeatLicense } from "./remove-license";
import { neverHoldsSeat } from "@/lib/auth/roles";

export type UpdateUserResult = { id: string; licenseRemoved: boolean; groupsLeft: number };

/**
 * Changes a person's name, role and directory data. The role is read from the database on every
 * request, so a change applies at the person's next click. Becoming an end user removes any seat
 * license (end users never hold seats) and every assignment group membership (groups are for
 * agents and admins). An administrator cannot demote themself: someone must always be able to
 * administer seatdesk and free seats.
 */
export async function updateUser(db: Db, rawInput: UpdateUserInput, actor: Actor): Promise<UpdateUserResult> {
  const input = updateUserInput.parse(rawInput);
  if (input.id === actor.userId && input.role !== "ADMIN") {
    throw new AppError(
      "FORBIDDEN",
      "You cannot take away your own administrator role. Ask another administrator to do it.",
      undefined,
      "role",
    );
  }
  const externalId = emptyToNull(input.externalId);
  try {
    return await inTransaction(db, async (tx) => {
      // The person's row lock orders this with seat checkouts and group changes for them.
      if (!(await lockUser(tx, input.id))) throw new AppError("NOT_FOUND", "This person no longer exists.");
      await assertIdentityFree(tx, { externalId, exceptUserId: input.id });
      await tx.user.update({
        where: { id: input.id },
        data: {
          name: input.name,
          role: input.role,
          department: emptyToNull(input.department),
          jobCode: emptyToNull(input.jobCode),
          externalId,
        },
      });
      // End users and report viewers never hold a seat nor work tickets in an assignment group.
      if (!neverHoldsSeat(input.role)) return { id: input.id, licenseRemoved: false, groupsLeft: 0 };
      const licenseRemoved = await removeSeatLicense(
        tx,
        input.id,
        actor,
        `role changed to ${input.role === "REPORT_VIEWER" ? "report viewer" : "end user"}`,
      );
      const { count: groupsLeft } = await tx.groupMember.deleteMany({ where: { userId: input.id } });
      return { id: input.id, licenseRemoved, groupsLeft };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new AppError(
      "CONFLICT",
      `The external ID "${externalId}" was just given to someone else.`,
      undefined,
      "externalId",
    );
  }
}
