import "server-only";

/* Schema URNs and the discovery documents (RFC 7643 §5-7, RFC 7644 §4). */

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const MAX_RESULTS = 200;

/** Attributes of the core User schema (RFC 7643 §4.1) and the enterprise extension (§4.3), as spelled there. */
export const CORE_USER_ATTRIBUTES = [
  "schemas",
  "id",
  "externalId",
  "meta",
  "userName",
  "name",
  "displayName",
  "nickName",
  "profileUrl",
  "title",
  "userType",
  "preferredLanguage",
  "locale",
  "timezone",
  "active",
  "password",
  "emails",
  "phoneNumbers",
  "ims",
  "photos",
  "addresses",
  "groups",
  "entitlements",
  "roles",
  "x509Certificates",
] as const;
export const ENTERPRISE_USER_ATTRIBUTES = [
  "employeeNumber",
  "costCenter",
  "organization",
  "division",
  "department",
  "manager",
] as const;
export const GROUP_ATTRIBUTES = new Set(
  ["schemas", "id", "externalId", "meta", "displayName", "members"].map((a) => a.toLowerCase()),
);

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: `${baseUrl.replace(/\/api\/scim\/v2$/, "")}/#provisioning-scim-20`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "The token of a provisioning connection, made in seatdesk's administration.",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string) {
  return [
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
      id: "User",
      name: "User",
      endpoint: "/Users",
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      schema: GROUP_SCHEMA,
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

const attr = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});
const multi = (name: string, subs: ReturnType<typeof attr>[]) => ({
  ...attr(name, "complex"),
  multiValued: true,
  subAttributes: subs,
});

export function schemas(baseUrl: string) {
  const meta = (id: string) => ({ resourceType: "Schema", location: `${baseUrl}/Schemas/${id}` });
  return [
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
      id: USER_SCHEMA,
      name: "User",
      description: "A person: end user, agent, report viewer or administrator of seatdesk",
      attributes: [
        attr("userName", "string", { required: true, uniqueness: "server" }),
        {
          ...attr("name", "complex"),
          subAttributes: [attr("formatted", "string"), attr("givenName", "string"), attr("familyName", "string")],
        },
        attr("displayName", "string"),
        attr("title", "string"),
        attr("userType", "string"),
        attr("active", "boolean"),
        multi("emails", [attr("value", "string"), attr("type", "string"), attr("primary", "boolean")]),
        multi("groups", [attr("value", "string", { mutability: "readOnly" }), attr("display", "string")]),
      ],
      meta: meta(USER_SCHEMA),
    },
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
      id: ENTERPRISE_SCHEMA,
      name: "EnterpriseUser",
      description: "Enterprise User",
      attributes: [
        attr("employeeNumber", "string", { uniqueness: "server" }),
        attr("costCenter", "string"),
        attr("organization", "string"),
        attr("division", "string"),
        attr("department", "string"),
        { ...attr("manager", "complex"), subAttributes: [attr("value", "string"), attr("displayName", "string")] },
      ],
      meta: meta(ENTERPRISE_SCHEMA),
    },
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
      id: GROUP_SCHEMA,
      name: "Group",
      description: "A group of the identity provider; license rules match people by it",
      attributes: [
        attr("displayName", "string", { required: true }),
        multi("members", [attr("value", "string"), attr("display", "string")]),
      ],
      meta: meta(GROUP_SCHEMA),
    },
  ];
}
