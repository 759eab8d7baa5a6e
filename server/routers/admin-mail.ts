import "server-only";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import { listInboundInput, listOutboxInput } from "@/lib/validation/mail";
import { listInbound, listOutbox } from "../mail/admin-list";

/** Mail, for administrators: the outbox (sent, waiting, failed) and mail received. */
export const adminMailRouter = router({
  outbox: adminProcedure.input(listOutboxInput).query(({ ctx, input }) => listOutbox(ctx.db, input)),
  inbound: adminProcedure.input(listInboundInput).query(({ ctx, input }) => listInbound(ctx.db, input)),
});
