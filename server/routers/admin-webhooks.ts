import "server-only";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import { createWebhookInput, listDeliveriesInput, setWebhookActiveInput } from "@/lib/webhooks";
import {
  createWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  setWebhookActive,
} from "../webhooks/endpoints";

/** Webhook endpoints for ticket events, and their deliveries (administrators). */
export const adminWebhooksRouter = router({
  list: adminProcedure.query(({ ctx }) => listWebhookEndpoints(ctx.db)),
  create: adminProcedure
    .input(createWebhookInput)
    .mutation(({ ctx, input }) => createWebhookEndpoint(ctx.rootDb, ctx.session.user.id, input)),
  setActive: adminProcedure
    .input(setWebhookActiveInput)
    .mutation(({ ctx, input }) => setWebhookActive(ctx.rootDb, input)),
  deliveries: adminProcedure.input(listDeliveriesInput).query(({ ctx, input }) => listWebhookDeliveries(ctx.db, input)),
});
