import "server-only";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";

/** Forms send "" for an empty optional field; the database keeps null (externalId is unique). */
export function emptyToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Refuses an email or external id that another person already has, naming them, on the field
 * the form shows it beside. Emails are compared lower-cased (the column only holds lower case).
 */
export async function assertIdentityFree(
  db: DbOrTx,
  input: { email?: string; externalId?: string | null; exceptUserId?: string },
): Promise<void> {
  const notMe = input.exceptUserId ? { id: { not: input.exceptUserId } } : {};
  if (input.email) {
    const taken = await db.user.findFirst({ where: { email: input.email, ...notMe }, select: { name: true } });
    if (taken)
      throw new AppError(
        "CONFLICT",
        `${input.email} is already the email of ${taken.name}. Each person needs their own email.`,
        undefined,
        "email",
      );
  }
  if (input.externalId) {
    const taken = await db.user.findFirst({
      where: { externalId: input.externalId, ...notMe },
      select: { name: true },
    });
    if (taken)
      throw new AppError(
        "CONFLICT",
        `The external ID "${input.externalId}" already belongs to ${taken.name}.`,
        undefined,
        "externalId",
      );
  }
}
