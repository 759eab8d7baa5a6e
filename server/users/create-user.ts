import "server-only";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/transaction";
import { AppError } from "../errors";
import { normalizeEmail } from "../auth/email";
import { hashPassword } from "../auth/password";
import { createUserInput, type CreateUserInput } from "@/lib/validation/users";
import { assertIdentityFree, emptyToNull } from "./identity";

/**
 * Creates a person who can sign in at once. The email is stored lower-cased, so "Ann@X.org"
 * and "ann@x.org" are one person (the unique index and a check constraint hold it).
 */
export async function createUser(db: Db, rawInput: CreateUserInput): Promise<{ id: string }> {
  const input = createUserInput.parse(rawInput);
  const email = normalizeEmail(input.email);
  const externalId = emptyToNull(input.externalId);
  await assertIdentityFree(db, { email, externalId });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: {
        email,
        name: input.name,
        role: input.role,
        passwordHash,
        externalId,
        jobCode: emptyToNull(input.jobCode),
        department: emptyToNull(input.department),
      },
      select: { id: true },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Someone took the email (or external id) between the check and the insert: say which.
    await assertIdentityFree(db, { email, externalId });
    throw new AppError("CONFLICT", `${email} is already in use.`, undefined, "email");
  }
}
