import "server-only";
import type { DbOrTx } from "../db/transaction";
import type { Role } from "../db/generated/enums";
import { AppError } from "../errors";
import { normalizeEmail } from "../auth/email";
import { Prisma } from "../db/generated/client";
import { sqlOutsideTransaction } from "../db/sql";

/*
 * The person a program acts for, named by the On-Behalf-Of header on every write: their email,
 * or their employee id as the directory gives it (the person's external id, e.g. "E-10422").
 * A missing, ambiguous (several values), unknown or disabled person is refused with 422 before
 * anything is written.
 */

export const ON_BEHALF_OF_HEADER = "on-behalf-of";

export type ActedFor = {
  id: string;
  name: string;
  email: string;
  externalId: string | null;
  role: Role;
};

export type PersonRow = ActedFor & { active: boolean };

/** The header's value when it names one person (else null: resolveOnBehalfOf says what is wrong). */
function singleValue(header: string | null): string | null {
  const value = header?.trim() ?? "";
  return !value || value.includes(",") || /\s/.test(value) ? null : value;
}

/**
 * The person the header names, as a JSON value (null when nobody has that email or employee id),
 * for the token check to read in its own statement (server/api/tokens.ts): a program's write then
 * makes one round trip fewer. Null when the header names nobody or several people.
 */
export function onBehalfOfLookupSql(header: string | null): Prisma.Sql | null {
  const value = singleValue(header);
  if (value === null) return null;
  return Prisma.sql`(select json_build_object('id', id, 'name', name, 'email', email, 'externalId', "externalId",
      'role', role::text, 'active', active) from "User" where ${personWhere(value)})`;
}

const personWhere = (value: string) =>
  value.includes("@") ? Prisma.sql`email = ${normalizeEmail(value)}::text` : Prisma.sql`"externalId" = ${value}::text`;

/**
 * The person named by the header. `prefetched` is what onBehalfOfLookupSql found for the same
 * header (null: nobody), when the token check looked it up; else it is read here.
 */
export async function resolveOnBehalfOf(
  db: DbOrTx,
  header: string | null,
  prefetched?: PersonRow | null,
): Promise<ActedFor> {
  const value = header?.trim() ?? "";
  if (!value)
    throw new AppError(
      "UNPROCESSABLE_CONTENT",
      "Name the person this change is for in the On-Behalf-Of header (their email or employee id).",
      undefined,
      "On-Behalf-Of",
    );
  if (singleValue(value) === null)
    throw new AppError(
      "UNPROCESSABLE_CONTENT",
      `On-Behalf-Of names more than one person ("${value.slice(0, 100)}"): name exactly one, by email or employee id.`,
      undefined,
      "On-Behalf-Of",
    );
  const byEmail = value.includes("@");
  // On `pg` as a prepared statement (server/db/sql.ts): this runs on every write a program makes.
  const person =
    prefetched !== undefined
      ? prefetched
      : (
          await sqlOutsideTransaction(db).rows<PersonRow>(Prisma.sql`
    select id, name, email, "externalId", role::text as role, active from "User" where ${personWhere(value)}`)
        )[0];
  if (!person)
    throw new AppError(
      "UNPROCESSABLE_CONTENT",
      `No person has the ${byEmail ? "email" : "employee id"} "${value.slice(0, 100)}": nothing was changed.`,
      undefined,
      "On-Behalf-Of",
    );
  if (!person.active)
    throw new AppError(
      "UNPROCESSABLE_CONTENT",
      `${person.name} (${value.slice(0, 100)}) is disabled: nothing was changed.`,
      undefined,
      "On-Behalf-Of",
    );
  return { id: person.id, name: person.name, email: person.email, externalId: person.externalId, role: person.role };
}

/** "via Chat hub for Ana Ruiz, E-10422": what every change made for the person carries. */
export function stampFor(accountName: string, person: ActedFor): string {
  return `via ${accountName} for ${person.name}, ${person.externalId ?? person.email}`;
}
