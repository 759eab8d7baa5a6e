import { z } from "zod";

/* Provisioning connections (SCIM): the shapes shared by the page and the adminProvisioning procedures. */

export const JOB_CODE_ATTRIBUTE_EXAMPLES = [
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division",
  "title",
  "urn:ietf:params:scim:schemas:extension:seatdesk:2.0:User:jobCode",
] as const;

export const jobCodeAttribute = z
  .string()
  .trim()
  .min(1, "Name the SCIM attribute that carries the job code")
  .max(200, "Keep the attribute path to 200 characters or fewer")
  .regex(
    /^(urn:[\w.:-]+:[A-Za-z][\w$-]*|[A-Za-z][\w$-]*(\.[A-Za-z][\w$-]*)?)$/,
    "Use an attribute such as title, or an extension's full path such as urn:…:User:costCenter",
  );

export const createConnectionInput = z.object({
  name: z.string().trim().min(1, "Name the connection, e.g. Okta").max(80, "Keep the name to 80 characters or fewer"),
  jobCodeAttribute: jobCodeAttribute.optional(),
});
export type CreateConnectionInput = z.infer<typeof createConnectionInput>;

export const connectionIdInput = z.object({ id: z.string().trim().min(1).max(100) });
export const setJobCodeAttributeInput = connectionIdInput.extend({ jobCodeAttribute });
export const connectionsPageInput = z.object({
  cursor: z.string().max(100).nullish(),
  limit: z.number().int().min(1).max(100).optional(),
});
