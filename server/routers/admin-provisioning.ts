import "server-only";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import { createConnection, listConnections, revokeConnection, setJobCodeAttribute } from "../scim/tokens";
import {
  connectionIdInput,
  connectionsPageInput,
  createConnectionInput,
  setJobCodeAttributeInput,
} from "@/lib/validation/provisioning";

/** SCIM provisioning connections: each identity provider's own bearer token (shown once), revocable. */
export const adminProvisioningRouter = router({
  connections: adminProcedure.input(connectionsPageInput).query(({ ctx, input }) => listConnections(ctx.db, input)),
  /** The answer holds the token; it is never shown again (the audit log hides it, as every `token` key). */
  create: adminProcedure
    .input(createConnectionInput)
    .mutation(({ ctx, input }) => createConnection(ctx.db, { actorId: ctx.session.user.id }, input)),
  revoke: adminProcedure.input(connectionIdInput).mutation(({ ctx, input }) => revokeConnection(ctx.db, input)),
  setJobCodeAttribute: adminProcedure
    .input(setJobCodeAttributeInput)
    .mutation(({ ctx, input }) => setJobCodeAttribute(ctx.db, input)),
});
