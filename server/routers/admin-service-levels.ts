import { router } from "../trpc/init";

/** Administration of service levels: SLA targets, the business-hours calendar, holidays, the priority matrix, auto-close. */
export const adminServiceLevelsRouter = router({});
