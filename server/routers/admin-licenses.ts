import "server-only";
import { z } from "zod";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import { getEntitlement } from "../licensing/entitlement";
import { currentLicense, installLicenseFile, previewLicenseFile } from "../licensing/license-file/install";
import { createPool, deletePool, licenseChoices, listPoolMembers, listPools, updatePool } from "../licensing/pools";
import { listAgentsWithLicenses, setLicense } from "../licensing/assignments";
import {
  deletePoolInput,
  listAgentsInput,
  pageInput,
  poolInput,
  setLicenseInput,
  updatePoolInput,
} from "@/lib/validation/licensing";
import { licenseFileInput } from "@/lib/validation/license-file";
import { moduleLicenseInput } from "@/lib/validation/module-licenses";
import { assignModuleLicense, removeModuleLicense } from "../licensing/modules/module-licenses";

/** The license file (what is owned), pools and licenses. Administrators only; administration never takes a seat. */
const actor = (ctx: { session: { user: { id: string } }; requestId: string }) => ({
  actorId: ctx.session.user.id,
  requestId: ctx.requestId,
});

export const adminLicensesRouter = router({
  entitlement: adminProcedure.query(({ ctx }) => getEntitlement(ctx.db)),
  /** The license file in force and where it stands (null before the first one). */
  license: adminProcedure.query(({ ctx }) => currentLicense(ctx.db)),
  /** What a pasted or uploaded file grants, verified, before it is installed. */
  previewLicense: adminProcedure.input(licenseFileInput).query(({ ctx, input }) => previewLicenseFile(ctx.db, input)),
  installLicense: adminProcedure
    .input(licenseFileInput)
    .mutation(({ ctx, input }) => installLicenseFile(ctx.db, actor(ctx), input)),

  pools: adminProcedure.input(pageInput).query(({ ctx, input }) => listPools(ctx.db, input)),
  poolMembers: adminProcedure
    .input(z.object({ poolId: z.string().min(1) }))
    .query(({ ctx, input }) => listPoolMembers(ctx.db, input.poolId)),
  /** Pools and groups to choose from in the forms. */
  choices: adminProcedure.query(({ ctx }) => licenseChoices(ctx.db)),
  createPool: adminProcedure.input(poolInput).mutation(({ ctx, input }) => createPool(ctx.db, actor(ctx), input)),
  updatePool: adminProcedure.input(updatePoolInput).mutation(({ ctx, input }) => updatePool(ctx.db, actor(ctx), input)),
  /** Without `confirm`, a pool with seats in use is refused with `{ liveLeases }` so the UI can ask. */
  deletePool: adminProcedure.input(deletePoolInput).mutation(({ ctx, input }) => deletePool(ctx.db, actor(ctx), input)),

  agents: adminProcedure.input(listAgentsInput).query(({ ctx, input }) => listAgentsWithLicenses(ctx.db, input)),
  setLicense: adminProcedure.input(setLicenseInput).mutation(({ ctx, input }) => setLicense(ctx.db, actor(ctx), input)),
  /** Exclusive module licenses: within what the license file grants, refused with the numbers. */
  assignModule: adminProcedure
    .input(moduleLicenseInput)
    .mutation(({ ctx, input }) => assignModuleLicense(ctx.db, input, actor(ctx))),
  removeModule: adminProcedure
    .input(moduleLicenseInput)
    .mutation(({ ctx, input }) => removeModuleLicense(ctx.db, input, actor(ctx))),
});
