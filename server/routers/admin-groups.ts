import "server-only";
import { router } from "../trpc/init";
import { adminProcedure } from "../trpc/procedures";
import {
  createGroupInput,
  groupMemberInput,
  listGroupsInput,
  listMembersInput,
  memberCandidatesInput,
  renameGroupInput,
} from "@/lib/validation/groups";
import { listGroups } from "../groups/list-groups";
import { createGroup, renameGroup } from "../groups/save-group";
import { addMember, removeMember } from "../groups/members";
import { listMembers, memberCandidates } from "../groups/list-members";

/** Assignment groups and their members: administrators only. */
export const adminGroupsRouter = router({
  list: adminProcedure.input(listGroupsInput).query(({ ctx, input }) => listGroups(ctx.rootDb, input)),
  create: adminProcedure.input(createGroupInput).mutation(({ ctx, input }) => createGroup(ctx.rootDb, input)),
  rename: adminProcedure.input(renameGroupInput).mutation(({ ctx, input }) => renameGroup(ctx.rootDb, input)),
  members: adminProcedure.input(listMembersInput).query(({ ctx, input }) => listMembers(ctx.rootDb, input)),
  candidates: adminProcedure
    .input(memberCandidatesInput)
    .query(({ ctx, input }) => memberCandidates(ctx.rootDb, input)),
  addMember: adminProcedure.input(groupMemberInput).mutation(({ ctx, input }) => addMember(ctx.rootDb, input)),
  removeMember: adminProcedure.input(groupMemberInput).mutation(({ ctx, input }) => removeMember(ctx.rootDb, input)),
});
