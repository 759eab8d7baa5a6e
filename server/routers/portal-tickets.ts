import { router } from "../trpc/init";

/** The self-service portal's tickets: an end user's own tickets, public replies, confirm and reopen. */
export const portalTicketsRouter = router({});
