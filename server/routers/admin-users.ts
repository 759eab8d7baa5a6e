import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import {
  createUserInput,
  listUsersInput,
  setPasswordInput,
  setUserActiveInput,
  updateUserInput,
  userIdInput,
} from "@/lib/validation/users";
import { actorOf } from "../users/actor";
import { listUsers } from "../users/list-users";
import { createUser } from "../users/create-user";
import { updateUser } from "../users/update-user";
import { setUserActive } from "../users/set-user-active";
import { endUserSessions } from "../users/sign-out-everywhere";
import { setPassword } from "../users/set-password";

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
});
