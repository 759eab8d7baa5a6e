import { z } from "zod";

/** Assignment groups, as the admin forms and the adminGroups procedures both validate them. */

export const groupFieldsInput = z.object({
  name: z.string().trim().min(1, "Enter a group name").max(80, "Use at most 80 characters"),
  description: z.string().trim().max(500, "Use at most 500 characters").optional(),
});
export type GroupFieldsInput = z.infer<typeof groupFieldsInput>;

export const createGroupInput = groupFieldsInput;
export const groupIdInput = z.object({ groupId: z.string().min(1) });
export const renameGroupInput = groupFieldsInput.extend({ id: z.string().min(1) });
export type RenameGroupInput = z.infer<typeof renameGroupInput>;

export const groupMemberInput = groupIdInput.extend({ userId: z.string().min(1) });
export type GroupMemberInput = z.infer<typeof groupMemberInput>;

export const GROUPS_PAGE_SIZE = 25;
const page = {
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(100).default(GROUPS_PAGE_SIZE),
};

export const listGroupsInput = z.object({ search: z.string().trim().max(200).optional(), ...page });
export type ListGroupsInput = z.input<typeof listGroupsInput>;

export const listMembersInput = groupIdInput.extend(page);
export type ListMembersInput = z.input<typeof listMembersInput>;

/** Agents and administrators who could join the group, found by name or email. */
export const memberCandidatesInput = groupIdInput.extend({ search: z.string().trim().max(200).default("") });
