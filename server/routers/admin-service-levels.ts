import "server-only";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import { loadPriorityMatrix } from "../tickets/priority";
import { savePriorityMatrix } from "../tickets/priority-matrix-admin";
import {
  addHoliday,
  getServiceLevels,
  listHolidays,
  removeHoliday,
  saveBusinessHours,
  saveSettings,
  saveTargets,
} from "../tickets/sla/service-levels-admin";
import {
  addHolidayInput,
  holidaysInput,
  removeHolidayInput,
  saveBusinessHoursInput,
  saveSettingsInput,
  saveTargetsInput,
} from "@/lib/validation/service-levels";
import { savePriorityMatrixInput } from "@/lib/validation/tickets";

/** Administration of service levels: SLA targets, the business-hours calendar, holidays, the priority matrix,
 * auto-close. */
export const adminServiceLevelsRouter = router({
  /** Targets per priority, the week's business hours, auto-close days and time zone. */
  get: adminProcedure.query(({ ctx }) => getServiceLevels(ctx.rootDb)),
  saveTargets: adminProcedure.input(saveTargetsInput).mutation(({ ctx, input }) => saveTargets(ctx.rootDb, input)),
  saveBusinessHours: adminProcedure
    .input(saveBusinessHoursInput)
    .mutation(({ ctx, input }) => saveBusinessHours(ctx.rootDb, input)),
  saveSettings: adminProcedure.input(saveSettingsInput).mutation(({ ctx, input }) => saveSettings(ctx.rootDb, input)),

  /** One calendar year of holidays at a time. */
  holidays: adminProcedure.input(holidaysInput).query(({ ctx, input }) => listHolidays(ctx.rootDb, input)),
  addHoliday: adminProcedure.input(addHolidayInput).mutation(({ ctx, input }) => addHoliday(ctx.rootDb, input)),
  removeHoliday: adminProcedure
    .input(removeHolidayInput)
    .mutation(({ ctx, input }) => removeHoliday(ctx.rootDb, input)),

  getPriorityMatrix: adminProcedure.query(({ ctx }) => loadPriorityMatrix(ctx.rootDb)),
  savePriorityMatrix: adminProcedure
    .input(savePriorityMatrixInput)
    .mutation(({ ctx, input }) => savePriorityMatrix(ctx.rootDb, input)),
});
