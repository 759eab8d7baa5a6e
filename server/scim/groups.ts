import "server-only";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { inTransaction, isUniqueViolation, type DbOrTx, type Tx } from "../db/transaction";
import { lockEntitlement } from "../licensing/allocation";
import { applyLicenseRules } from "../identity/rules/apply";
import { badRequest, notFound, ScimError } from "./errors";
import { getAttr, parseFilter, type Filter } from "./filter";
import { applyPatch, parsePatchBody } from "./patch";
import { GROUP_ATTRIBUTES, GROUP_SCHEMA, LIST_SCHEMA } from "./schemas";
import { paging, type ScimRequest } from "./users";

/*
 * SCIM Groups: the identity provider's groups, one set per connection. A person's groups (their
 * display names, across connections) are what license rules match as "provider groups"
 * (UserIdentity.groups), so every change of a group's name or members re-applies the rules to the
 * people it touched, in the same transaction.
 */

type GroupRow = { id: string; displayName: string; externalId: string | null; createdAt: Date; updatedAt: Date };

async function toScim(db: DbOrTx, g: GroupRow, baseUrl: string, withMembers = true) {
  const members = withMembers
    ? await db.$queryRaw<{ id: string; name: string }[]>`
        select u.id, u.name from "ScimGroupMember" m join "User" u on u.id = m."userId"
        where m."groupId" = ${g.id} order by u.id`
    : [];
  return {
    schemas: [GROUP_SCHEMA],
    id: g.id,
    displayName: g.displayName,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    members: members.map((m) => ({ value: m.id, display: m.name, $ref: `${baseUrl}/Users/${m.id}` })),
    meta: {
      resourceType: "Group",
      created: g.createdAt.toISOString(),
      lastModified: g.updatedAt.toISOString(),
      location: `${baseUrl}/Groups/${g.id}`,
    },
  };
}

const SELECT = { id: true, displayName: true, externalId: true, createdAt: true, updatedAt: true } as const;

function groupCondition(f: Filter): Prisma.ScimGroupWhereInput {
  switch (f.op) {
    case "and":
      return { AND: [groupCondition(f.left), groupCondition(f.right)] };
    case "or":
      return { OR: [groupCondition(f.left), groupCondition(f.right)] };
    case "not":
      return { NOT: groupCondition(f.filter) };
    case "valuePath":
      if (f.attr.toLowerCase() === "members" && f.filter.op === "cmp" && f.filter.attr.toLowerCase() === "value")
        return { members: { some: { userId: String(f.filter.value) } } };
      throw badRequest(`Filtering on ${f.attr}[…] is not supported.`, "invalidFilter");
    case "pr":
      return f.attr.toLowerCase() === "externalid" ? { externalId: { not: null } } : {};
    case "cmp": {
      if (typeof f.value !== "string") throw badRequest(`${f.attr} is compared with text.`, "invalidFilter");
      const mode = "insensitive" as const;
      const cond =
        f.cmp === "eq"
          ? { equals: f.value, mode }
          : f.cmp === "co"
            ? { contains: f.value, mode }
            : f.cmp === "sw"
              ? { startsWith: f.value, mode }
              : null;
      if (!cond) throw badRequest(`The operator “${f.cmp}” is not supported: use eq, co, sw or pr.`, "invalidFilter");
      const attr = f.attr.toLowerCase();
      if (attr === "displayname") return { displayName: cond };
      if (attr === "externalid") return { externalId: { ...cond, mode: undefined } };
      if (attr === "members.value" && f.cmp === "eq") return { members: { some: { userId: f.value } } };
      throw badRequest(
        `Filtering groups on “${f.attr}” is not supported: use displayName or externalId.`,
        "invalidFilter",
      );
    }
  }
}

export async function listGroups(db: DbOrTx, req: ScimRequest, params: URLSearchParams) {
  const filter = params.get("filter");
  const where: Prisma.ScimGroupWhereInput = {
    connectionId: req.connection.id,
    ...(filter ? groupCondition(parseFilter(filter)) : {}),
  };
  const { skip, take, startIndex } = paging(params);
  // Okta and Entra list groups to match them by name; members are left out when asked to.
  const excluded = (params.get("excludedAttributes") ?? "").toLowerCase().split(",").includes("members");
  const [total, rows] = await Promise.all([
    db.scimGroup.count({ where }),
    take === 0
      ? []
      : db.scimGroup.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip, take, select: SELECT }),
  ]);
  const resources = [];
  for (const g of rows) resources.push(await toScim(db, g, req.baseUrl, !excluded));
  return { schemas: [LIST_SCHEMA], totalResults: total, startIndex, itemsPerPage: rows.length, Resources: resources };
}

async function findGroup(db: DbOrTx, req: ScimRequest, id: string): Promise<GroupRow> {
  const g = await db.scimGroup.findFirst({ where: { id, connectionId: req.connection.id }, select: SELECT });
  if (!g) throw notFound(`Group ${id}`);
  return g;
}

export async function getGroup(db: DbOrTx, req: ScimRequest, id: string, params?: URLSearchParams) {
  const excluded = (params?.get("excludedAttributes") ?? "").toLowerCase().split(",").includes("members");
  return toScim(db, await findGroup(db, req, id), req.baseUrl, !excluded);
}

type GroupFields = { displayName: string; externalId: string | null; memberIds: string[] };

function readGroup(body: unknown): GroupFields {
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw badRequest("The request body must be a JSON object (a Group).", "invalidSyntax");
  for (const key of Object.keys(body))
    if (!GROUP_ATTRIBUTES.has(key.toLowerCase()))
      throw badRequest(`Unknown attribute “${key}”: a Group has displayName, externalId and members.`, "invalidSyntax");
  const displayName = getAttr(body, "displayName");
  if (typeof displayName !== "string" || !displayName.trim())
    throw badRequest("displayName is required.", "invalidValue");
  const externalId = getAttr(body, "externalId");
  const members = getAttr(body, "members") ?? [];
  if (!Array.isArray(members)) throw badRequest("members must be a list.", "invalidValue");
  const memberIds = members.map((m, i) => {
    const v = getAttr(m, "value");
    if (typeof v !== "string" || !v) throw badRequest(`members[${i}] needs a value (a User id).`, "invalidValue");
    return v;
  });
  return {
    displayName: displayName.trim().slice(0, 200),
    externalId: typeof externalId === "string" && externalId.trim() ? externalId.trim() : null,
    memberIds: [...new Set(memberIds)],
  };
}

/** Rewrites the people's provider groups (display names across connections), then applies the rules to them. */
async function refreshPeople(tx: Tx, req: ScimRequest, userIds: string[]) {
  if (userIds.length === 0) return;
  await tx.$executeRaw`
    insert into "UserIdentity" ("userId", groups, "updatedAt")
    select u.id, coalesce((select array_agg(distinct g."displayName" order by g."displayName")
      from "ScimGroupMember" m join "ScimGroup" g on g.id = m."groupId" where m."userId" = u.id), '{}'), now()
    from "User" u where u.id in (${Prisma.join(userIds)})
    on conflict ("userId") do update set groups = excluded.groups, "updatedAt" = now()`;
  await applyLicenseRules(
    tx,
    { actorId: null, requestId: req.requestId, source: `provisioning “${req.connection.name}”` },
    {
      userIds,
    },
  );
}

async function writeGroup(tx: Tx, req: ScimRequest, id: string | null, fields: GroupFields): Promise<string> {
  await lockEntitlement(tx);
  // Members must be people this connection may see (its own, or not yet linked to any).
  const known = await tx.user.findMany({
    where: {
      id: { in: fields.memberIds },
      OR: [
        { identity: { is: null } },
        {
          identity: {
            is: { scimDeletedAt: null, OR: [{ scimConnectionId: null }, { scimConnectionId: req.connection.id }] },
          },
        },
      ],
    },
    select: { id: true },
  });
  const missing = fields.memberIds.filter((m) => !known.some((k) => k.id === m));
  if (missing.length)
    throw badRequest(
      `No such User: ${missing.slice(0, 5).join(", ")}${missing.length > 5 ? ", …" : ""}.`,
      "invalidValue",
    );
  let before: string[] = [];
  let renamed = false;
  let groupId = id;
  if (id) {
    const current = await tx.scimGroup.findUniqueOrThrow({ where: { id }, select: { displayName: true } });
    renamed = current.displayName !== fields.displayName;
    before = (await tx.scimGroupMember.findMany({ where: { groupId: id }, select: { userId: true } })).map(
      (m) => m.userId,
    );
    await tx.scimGroup.update({
      where: { id },
      data: { displayName: fields.displayName, externalId: fields.externalId },
    });
  } else {
    groupId = (
      await tx.scimGroup.create({
        data: { connectionId: req.connection.id, displayName: fields.displayName, externalId: fields.externalId },
        select: { id: true },
      })
    ).id;
  }
  const added = fields.memberIds.filter((m) => !before.includes(m));
  const removed = before.filter((m) => !fields.memberIds.includes(m));
  if (removed.length) await tx.scimGroupMember.deleteMany({ where: { groupId: groupId!, userId: { in: removed } } });
  if (added.length)
    await tx.scimGroupMember.createMany({ data: added.map((userId) => ({ groupId: groupId!, userId })) });
  await refreshPeople(tx, req, renamed ? [...new Set([...fields.memberIds, ...removed])] : [...added, ...removed]);
  return groupId!;
}

function conflict(error: unknown): never {
  if (isUniqueViolation(error)) throw new ScimError(409, "A group with that displayName already exists.", "uniqueness");
  throw error;
}

export async function createGroup(db: Db, req: ScimRequest, body: unknown) {
  const fields = readGroup(body);
  const id = await inTransaction(db, (tx) => writeGroup(tx, req, null, fields)).catch(conflict);
  return getGroup(db, req, id);
}

export async function replaceGroup(db: Db, req: ScimRequest, id: string, body: unknown) {
  const fields = readGroup(body);
  await inTransaction(db, async (tx) => {
    await findGroup(tx, req, id);
    await writeGroup(tx, req, id, fields);
  }).catch(conflict);
  return getGroup(db, req, id);
}

/** Answers 204 (no body), as Entra and Okta expect for group PATCHes that only change members. */
export async function patchGroup(db: Db, req: ScimRequest, id: string, body: unknown): Promise<void> {
  const ops = parsePatchBody(body);
  await inTransaction(db, async (tx) => {
    const current = await toScim(tx, await findGroup(tx, req, id), req.baseUrl);
    const patched = applyPatch(current as unknown as Record<string, unknown>, ops, GROUP_SCHEMA);
    delete patched.meta;
    await writeGroup(tx, req, id, readGroup(patched));
  }).catch(conflict);
}

export async function deleteGroup(db: Db, req: ScimRequest, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await findGroup(tx, req, id);
    await lockEntitlement(tx);
    const members = (await tx.scimGroupMember.findMany({ where: { groupId: id }, select: { userId: true } })).map(
      (m) => m.userId,
    );
    await tx.scimGroup.delete({ where: { id } });
    await refreshPeople(tx, req, members);
  });
}
