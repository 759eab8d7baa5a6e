import "server-only";
import type { Db } from "../db/client";
import { ScimError } from "./errors";
import type { ScimCall, ScimResult } from "./gate";
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from "./groups";
import { LIST_SCHEMA, resourceTypes, schemas, serviceProviderConfig } from "./schemas";
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from "./users";

/* Which operation a SCIM request is: the resource endpoints of RFC 7644 §3.2 and the discovery ones. */

const notAllowed = (method: string, path: string) => new ScimError(405, `${method} is not supported on /${path}.`);

export async function routeScim(db: Db, call: ScimCall): Promise<ScimResult> {
  const [resource, id, ...rest] = call.segments;
  const path = call.segments.join("/");
  if (rest.length > 0 || !resource) throw new ScimError(404, `There is no endpoint /${path}.`);
  const m = call.method;
  switch (resource) {
    case "ServiceProviderConfig":
      if (m !== "GET" || id) throw notAllowed(m, path);
      return { status: 200, body: serviceProviderConfig(call.baseUrl) };
    case "ResourceTypes":
    case "Schemas": {
      if (m !== "GET") throw notAllowed(m, path);
      const all = resource === "Schemas" ? schemas(call.baseUrl) : resourceTypes(call.baseUrl);
      if (id) {
        const one = all.find((r) => r.id === id);
        if (!one) throw new ScimError(404, `${resource}/${id} not found.`);
        return { status: 200, body: one };
      }
      return {
        status: 200,
        body: {
          schemas: [LIST_SCHEMA],
          totalResults: all.length,
          startIndex: 1,
          itemsPerPage: all.length,
          Resources: all,
        },
      };
    }
    case "Users":
      if (!id) {
        if (m === "GET") return { status: 200, body: await listUsers(db, call, call.params) };
        if (m === "POST") {
          const user = await createUser(db, call, call.body);
          return { status: 201, body: user, location: user.meta.location };
        }
        throw notAllowed(m, path);
      }
      if (m === "GET") return { status: 200, body: await getUser(db, call, id) };
      if (m === "PUT") return { status: 200, body: await replaceUser(db, call, id, call.body) };
      if (m === "PATCH") return { status: 200, body: await patchUser(db, call, id, call.body) };
      if (m === "DELETE") {
        await deleteUser(db, call, id);
        return { status: 204 };
      }
      throw notAllowed(m, path);
    case "Groups":
      if (!id) {
        if (m === "GET") return { status: 200, body: await listGroups(db, call, call.params) };
        if (m === "POST") {
          const group = await createGroup(db, call, call.body);
          return { status: 201, body: group, location: group.meta.location };
        }
        throw notAllowed(m, path);
      }
      if (m === "GET") return { status: 200, body: await getGroup(db, call, id, call.params) };
      if (m === "PUT") return { status: 200, body: await replaceGroup(db, call, id, call.body) };
      if (m === "PATCH") {
        await patchGroup(db, call, id, call.body);
        return { status: 204 };
      }
      if (m === "DELETE") {
        await deleteGroup(db, call, id);
        return { status: 204 };
      }
      throw notAllowed(m, path);
    case "Bulk":
      throw new ScimError(501, "Bulk operations are not supported (ServiceProviderConfig says so).");
    default:
      throw new ScimError(404, `There is no endpoint /${path}.`);
  }
}
