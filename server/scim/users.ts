import "server-only";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { inTransaction, isUniqueViolation, type DbOrTx, type Tx } from "../db/transaction";
import { endAllSessionsOfUser } from "../auth/auth-sessions";
import { lockEntitlement, lockUsers } from "../licensing/allocation";
import { changeLicense } from "../licensing/license-change";
import { recordSeatEvent } from "../licensing/events";
import { releaseLeaseOfUser } from "../licensing/release";
import { applyLicenseRules } from "../identity/rules/apply";
import { badRequest, notFound, ScimError } from "./errors";
import { parseFilter, type Filter } from "./filter";
import { applyPatch, parsePatchBody } from "./patch";
import { readBoolean, readUser, type UserFields } from "./resource";
import { ENTERPRISE_SCHEMA, LIST_SCHEMA, MAX_RESULTS, USER_SCHEMA } from "./schemas";
import type { ScimConnectionContext } from "./tokens";

/*
 * SCIM Users (RFC 7643 §4.1, RFC 7644 §3) on seatdesk's people. The SCIM id is the User id; a
 * person is visible to the connection that provisioned them and, until one links them by a write,
 * to every connection (so a provider can find the people who were there before it by userName,
 * whose default is the email). A DELETE keeps the person, disabled, with their tickets; a later
 * POST of the same userName brings them back.
 *
 * Every write runs in one transaction that first takes the Entitlement lock (the lock order of
 * server/licensing/allocation.ts), then changes the person, then applies the license rules to
 * them: a refused request changes nothing. Deprovisioning (active false, DELETE) ends the seat
 * and the seat license at once, with the connection named in the seat history, and every session.
 */

export type ScimRequest = { connection: ScimConnectionContext; baseUrl: string; requestId: string };

/** A password that can never match (server/auth/password.ts: a malformed hash never verifies). */
const NO_PASSWORD = "!provisioned";

const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  active: true,
  externalId: true,
  department: true,
  createdAt: true,
  updatedAt: true,
  identity: {
    select: {
      userName: true,
      scimExternalId: true,
      scimResource: true,
      scimConnectionId: true,
      scimDeletedAt: true,
      managerExternalId: true,
      updatedAt: true,
    },
  },
} satisfies Prisma.UserSelect;
type UserRow = Prisma.UserGetPayload<{ select: typeof USER_SELECT }>;

const visibleTo = (connectionId: string): Prisma.UserWhereInput => ({
  OR: [
    { identity: { is: null } },
    { identity: { is: { scimDeletedAt: null, OR: [{ scimConnectionId: null }, { scimConnectionId: connectionId }] } } },
  ],
});

async function groupsOf(db: DbOrTx, userIds: string[], connectionId: string) {
  if (userIds.length === 0) return new Map<string, { id: string; displayName: string }[]>();
  const rows = await db.scimGroupMember.findMany({
    where: { userId: { in: userIds }, group: { connectionId } },
    select: { userId: true, group: { select: { id: true, displayName: true } } },
  });
  const map = new Map<string, { id: string; displayName: string }[]>();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.group]);
  return map;
}

function toScim(u: UserRow, groups: { id: string; displayName: string }[], baseUrl: string) {
  const stored = (u.identity?.scimResource ?? {}) as Record<string, unknown>;
  const ext = (stored[ENTERPRISE_SCHEMA] ?? {}) as Record<string, unknown>;
  const lastModified = [u.updatedAt, u.identity?.updatedAt].filter(Boolean).sort().pop() as Date;
  return {
    ...stored,
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    id: u.id,
    ...(u.identity?.scimExternalId ? { externalId: u.identity.scimExternalId } : {}),
    userName: typeof stored.userName === "string" ? stored.userName : u.email,
    name: stored.name ?? { formatted: u.name },
    displayName: u.name,
    active: u.active,
    emails: stored.emails ?? [{ value: u.email, type: "work", primary: true }],
    [ENTERPRISE_SCHEMA]: {
      ...ext,
      ...(u.externalId ? { employeeNumber: u.externalId } : {}),
      ...(u.department ? { department: u.department } : {}),
      ...(u.identity?.managerExternalId ? { manager: { value: u.identity.managerExternalId } } : {}),
    },
    groups: groups.map((g) => ({ value: g.id, display: g.displayName, $ref: `${baseUrl}/Groups/${g.id}` })),
    meta: {
      resourceType: "User",
      created: u.createdAt.toISOString(),
      lastModified: lastModified.toISOString(),
      location: `${baseUrl}/Users/${u.id}`,
    },
  };
}

// ───────────── List and filter ─────────────

function text(value: unknown, attr: string): string {
  if (typeof value !== "string") throw badRequest(`${attr} is compared with text in double quotes.`, "invalidFilter");
  return value;
}

function stringCondition(op: string, value: string, attr: string, insensitive = true): Prisma.StringFilter {
  const mode = insensitive ? ("insensitive" as const) : undefined;
  if (op === "eq") return { equals: value, mode };
  if (op === "co") return { contains: value, mode };
  if (op === "sw") return { startsWith: value, mode };
  throw badRequest(`The operator “${op}” is not supported on ${attr}: use eq, co, sw or pr.`, "invalidFilter");
}

function userCondition(f: Filter): Prisma.UserWhereInput {
  switch (f.op) {
    case "and":
      return { AND: [userCondition(f.left), userCondition(f.right)] };
    case "or":
      return { OR: [userCondition(f.left), userCondition(f.right)] };
    case "not":
      return { NOT: userCondition(f.filter) };
    case "valuePath":
      if (f.attr.toLowerCase() === "emails" && f.filter.op === "cmp" && f.filter.attr.toLowerCase() === "value")
        return userCondition({ ...f.filter, attr: "emails.value" });
      throw badRequest(`Filtering on ${f.attr}[…] is not supported.`, "invalidFilter");
    case "pr":
    case "cmp": {
      const attr = f.attr.toLowerCase().replace(USER_SCHEMA.toLowerCase() + ":", "");
      const op = f.op === "pr" ? "pr" : f.cmp;
      const value = f.op === "cmp" ? f.value : null;
      switch (attr) {
        case "username": {
          if (op === "pr") return {};
          const cond = stringCondition(op, text(value, f.attr), f.attr);
          return {
            OR: [
              { identity: { is: { userName: cond } } },
              {
                AND: [{ OR: [{ identity: { is: null } }, { identity: { is: { userName: null } } }] }, { email: cond }],
              },
            ],
          };
        }
        case "externalid":
          return op === "pr"
            ? { identity: { is: { scimExternalId: { not: null } } } }
            : { identity: { is: { scimExternalId: stringCondition(op, text(value, f.attr), f.attr, false) } } };
        case "emails":
        case "emails.value":
          return op === "pr" ? {} : { email: stringCondition(op, text(value, f.attr), f.attr) };
        case "displayname":
          return op === "pr" ? {} : { name: stringCondition(op, text(value, f.attr), f.attr) };
        case "active":
          if (op === "pr") return {};
          if (op !== "eq") throw badRequest("active is compared with eq true or eq false.", "invalidFilter");
          return { active: readBoolean(value, "active") };
        case `${ENTERPRISE_SCHEMA.toLowerCase()}:employeenumber`:
          return op === "pr"
            ? { externalId: { not: null } }
            : { externalId: stringCondition(op, text(value, f.attr), f.attr, false) };
        default:
          throw badRequest(
            `Filtering on “${f.attr}” is not supported: use userName, externalId, emails.value, displayName or active.`,
            "invalidFilter",
          );
      }
    }
  }
}

export function paging(params: URLSearchParams): { skip: number; take: number; startIndex: number } {
  const num = (name: string, fallback: number) => {
    const raw = params.get(name);
    if (raw === null || raw === "") return fallback;
    if (!/^-?\d+$/.test(raw)) throw badRequest(`${name} must be a whole number.`, "invalidValue");
    return Number(raw);
  };
  // Past any list: an empty page (RFC 7644 §3.4.2.4), also for a number too long to skip by (1e23).
  const startIndex = Math.min(Number.MAX_SAFE_INTEGER, Math.max(1, num("startIndex", 1)));
  const take = Math.min(MAX_RESULTS, Math.max(0, num("count", 100)));
  return { skip: startIndex - 1, take, startIndex };
}

export async function listUsers(db: DbOrTx, req: ScimRequest, params: URLSearchParams) {
  const filterText = params.get("filter");
  const where: Prisma.UserWhereInput = {
    AND: [visibleTo(req.connection.id), filterText ? userCondition(parseFilter(filterText)) : {}],
  };
  const { skip, take, startIndex } = paging(params);
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    take === 0
      ? Promise.resolve([])
      : db.user.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip, take, select: USER_SELECT }),
  ]);
  const groups = await groupsOf(
    db,
    rows.map((r) => r.id),
    req.connection.id,
  );
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((r) => toScim(r, groups.get(r.id) ?? [], req.baseUrl)),
  };
}

async function findVisible(db: DbOrTx, req: ScimRequest, id: string): Promise<UserRow> {
  const row = await db.user.findFirst({ where: { AND: [{ id }, visibleTo(req.connection.id)] }, select: USER_SELECT });
  if (!row) throw notFound(`User ${id}`);
  return row;
}

export async function getUser(db: DbOrTx, req: ScimRequest, id: string) {
  const row = await findVisible(db, req, id);
  return toScim(row, (await groupsOf(db, [id], req.connection.id)).get(id) ?? [], req.baseUrl);
}

// ───────────── Writes ─────────────

async function assertUnique(tx: Tx, fields: UserFields, exceptUserId: string | null) {
  const notMe = exceptUserId ? { id: { not: exceptUserId } } : {};
  const userName = fields.userName.toLowerCase();
  const taken = await tx.user.findFirst({
    where: {
      ...notMe,
      OR: [
        { identity: { is: { userName } } },
        { AND: [{ OR: [{ identity: { is: null } }, { identity: { is: { userName: null } } }] }, { email: userName }] },
      ],
    },
    select: { id: true },
  });
  if (taken) throw new ScimError(409, `userName “${fields.userName}” is already in use.`, "uniqueness");
  if (await tx.user.findFirst({ where: { ...notMe, email: fields.email }, select: { id: true } }))
    throw new ScimError(409, `The email ${fields.email} belongs to another person.`, "uniqueness");
  if (
    fields.employeeNumber &&
    (await tx.user.findFirst({ where: { ...notMe, externalId: fields.employeeNumber }, select: { id: true } }))
  )
    throw new ScimError(409, `employeeNumber ${fields.employeeNumber} belongs to another person.`, "uniqueness");
}

const rulesActor = (req: ScimRequest) => ({
  actorId: null,
  requestId: req.requestId,
  source: `provisioning “${req.connection.name}”`,
});

/** Ends the person's seat, seat license and sessions at once (deprovisioning), naming the connection. */
async function deprovision(tx: Tx, req: ScimRequest, userId: string, why: string): Promise<void> {
  const owned = await lockEntitlement(tx);
  const person = (await lockUsers(tx, [userId])).get(userId)!;
  const reason = `${why} by provisioning “${req.connection.name}”`;
  await releaseLeaseOfUser(tx, { userId, reason: "ACCOUNT_DISABLED", note: reason, requestId: req.requestId });
  await changeLicense(
    tx,
    { actorId: null as unknown as string, requestId: req.requestId },
    owned,
    person,
    { kind: "NONE" },
    {
      reason,
      details: { source: `provisioning “${req.connection.name}”` },
    },
  );
  await recordSeatEvent(tx, {
    type: "ADMIN_ACTION",
    userId,
    userName: person.name,
    reason: "account disabled",
    requestId: req.requestId,
    details: { note: reason },
  });
  await endAllSessionsOfUser(tx, userId, reason);
}

async function writeUser(tx: Tx, req: ScimRequest, userId: string | null, fields: UserFields, wasActive: boolean) {
  await lockEntitlement(tx); // lock order: Entitlement, then the person (allocation.ts)
  if (userId) await lockUsers(tx, [userId]);
  await assertUnique(tx, fields, userId);
  const data = {
    email: fields.email,
    name: fields.name,
    active: fields.active,
    externalId: fields.employeeNumber,
    department: fields.department,
    jobCode: fields.jobCode,
  };
  const user = userId
    ? await tx.user.update({ where: { id: userId }, data, select: { id: true } })
    : await tx.user.create({ data: { ...data, passwordHash: NO_PASSWORD, role: "END_USER" }, select: { id: true } });
  const identity = {
    scimConnectionId: req.connection.id,
    userName: fields.userName.toLowerCase(),
    scimExternalId: fields.scimExternalId,
    scimResource: fields.resource as Prisma.InputJsonValue,
    scimDeletedAt: null,
    employeeNumber: fields.employeeNumber,
    employeeType: fields.employeeType,
    managerExternalId: fields.managerExternalId,
  };
  await tx.userIdentity.upsert({
    where: { userId: user.id },
    create: { userId: user.id, ...identity },
    update: identity,
  });
  if (wasActive && !fields.active) await deprovision(tx, req, user.id, "deactivated");
  await applyLicenseRules(tx, rulesActor(req), { userIds: [user.id] });
  return user.id;
}

function uniqueConflict(error: unknown): never {
  if (isUniqueViolation(error))
    throw new ScimError(409, "That userName, email or employeeNumber was just taken.", "uniqueness");
  throw error;
}

export async function createUser(db: Db, req: ScimRequest, body: unknown) {
  const fields = readUser(body, req.connection.jobCodeAttribute);
  const id = await inTransaction(db, async (tx) => {
    // A person DELETEd by this connection comes back under the same userName.
    const deleted = await tx.userIdentity.findFirst({
      where: {
        userName: fields.userName.toLowerCase(),
        scimConnectionId: req.connection.id,
        scimDeletedAt: { not: null },
      },
      select: { userId: true },
    });
    return writeUser(tx, req, deleted?.userId ?? null, fields, false);
  }).catch(uniqueConflict);
  return getUser(db, req, id);
}

export async function replaceUser(db: Db, req: ScimRequest, id: string, body: unknown) {
  const fields = readUser(body, req.connection.jobCodeAttribute);
  await inTransaction(db, async (tx) => {
    const current = await findVisible(tx, req, id);
    await writeUser(tx, req, id, fields, current.active);
  }).catch(uniqueConflict);
  return getUser(db, req, id);
}

export async function patchUser(db: Db, req: ScimRequest, id: string, body: unknown) {
  const ops = parsePatchBody(body);
  await inTransaction(db, async (tx) => {
    const current = await findVisible(tx, req, id);
    const resource = toScim(current, [], req.baseUrl) as Record<string, unknown>;
    const patched = applyPatch(resource, ops, USER_SCHEMA);
    delete patched.groups;
    delete patched.meta;
    const fields = readUser(patched, req.connection.jobCodeAttribute);
    await writeUser(tx, req, id, fields, current.active);
  }).catch(uniqueConflict);
  return getUser(db, req, id);
}

export async function deleteUser(db: Db, req: ScimRequest, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const current = await findVisible(tx, req, id);
    await lockEntitlement(tx);
    await tx.user.update({ where: { id }, data: { active: false } });
    await tx.userIdentity.upsert({
      where: { userId: id },
      create: { userId: id, scimConnectionId: req.connection.id, scimDeletedAt: new Date() },
      update: { scimConnectionId: req.connection.id, scimDeletedAt: new Date() },
    });
    await tx.scimGroupMember.deleteMany({ where: { userId: id } });
    await deprovision(tx, req, id, current.active ? "deleted" : "deleted (already inactive)");
  });
}
