import { router } from "../trpc/init";

/** License insight reports and the seat mix optimizer, read-only, for administrators and report viewers. */
export const reportsRouter = router({});
