import "server-only";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import {
  createUserInput,
  listUsersInput,
  setPasswordInput,
  setUserActiveInput,
  updateUserInput,
  userIdInput,
  liftSignInLockInput,
} from "@/lib/validation/users";
import { actorOf } from "../users/actor";
import { listUsers } from "../users/list-users";
import { createUser } from "../users/create-user";
import { updateUser } from "../users/update-user";
import { setUserActive } from "../users/set-user-active";
import { endUserSessions } from "../users/sign-out-everywhere";
import { setPassword } from "../users/set-password";
import { liftSignInLock, listSignInLocks } from "../auth/sign-in-throttle";

/** People: administrators only; administration never needs a seat. */
export const adminUsersRouter = router({
  list: adminProcedure.input(listUsersInput).query(({ ctx, input }) => listUsers(ctx.rootDb, input)),
  create: adminProcedure.input(createUserInput).mutation(({ ctx, input }) => createUser(ctx.rootDb, input)),
  update: adminProcedure
    .input(updateUserInput)
    .mutation(({ ctx, input }) => updateUser(ctx.rootDb, input, actorOf(ctx))),
  setActive: adminProcedure
    .input(setUserActiveInput)
    .mutation(({ ctx, input }) => setUserActive(ctx.rootDb, input, actorOf(ctx))),
  /** "Sign out everywhere": ends every session of the person and frees their seat. */
  endSessions: adminProcedure
    .input(userIdInput)
    .mutation(({ ctx, input }) => endUserSessions(ctx.rootDb, input, actorOf(ctx))),
  setPassword: adminProcedure
    .input(setPasswordInput)
    .mutation(({ ctx, input }) => setPassword(ctx.rootDb, input, actorOf(ctx))),
  /** Accounts and client addresses whose sign-ins are being slowed now. */
  signInLocks: adminProcedure.query(({ ctx }) => listSignInLocks(ctx.rootDb)),
  /** Lifts one (kept in the audit log by adminProcedure, as every change). */
  liftSignInLock: adminProcedure
    .input(liftSignInLockInput)
    .mutation(async ({ ctx, input }) => ({ lifted: await liftSignInLock(ctx.rootDb, input.key) })),
});
