"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { GROUPS_PAGE_SIZE } from "@/lib/validation/groups";
import { ROLE_LABELS } from "@/lib/validation/users";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toaster";
import { PagedQueryState, useCursorPager } from "@/components/admin/shared/cursor-pager";
import { AddMemberPicker } from "./add-member-picker";
import type { GroupRow } from "./types";

export function GroupMembersDialog({
  group,
  open,
  onOpenChange,
}: {
  group: GroupRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90vh] max-w-2xl overflow-y-auto text-left">
        <DialogHeader>
          <DialogTitle>Members of {group.name}</DialogTitle>
          <DialogDescription>
            Only enabled agents and administrators can be added. Changes apply at once.
          </DialogDescription>
        </DialogHeader>
        <AddMemberPicker groupId={group.id} groupName={group.name} />
        <MemberList groupId={group.id} groupName={group.name} />
      </DialogContent>
    </Dialog>
  );
}

function MemberList({ groupId, groupName }: { groupId: string; groupName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pager = useCursorPager(groupId);
  const query = useQuery(
    trpc.adminGroups.members.queryOptions(
      { groupId, cursor: pager.cursor, limit: GROUPS_PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );
  const remove = useMutation(
    trpc.adminGroups.removeMember.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.adminGroups.members.queryKey({ groupId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.adminGroups.candidates.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.adminGroups.list.queryKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <PagedQueryState
      pager={pager}
      pageSize={GROUPS_PAGE_SIZE}
      noun="members"
      query={query}
      loadingLabel="Loading members…"
      empty={{ title: `${groupName} has no members yet.` }}
    >
      {(data) => (
        <section aria-label={`Members of ${groupName}`}>
          <ul className="divide-y rounded-lg border">
            {data.items.map((member) => (
              <li key={member.id} className="flex items-center gap-3 px-3 py-2">
                <div className="min-w-0 flex-1">
                  <div className="truncate text-sm font-medium">{member.name}</div>
                  <div className="truncate text-xs text-muted-foreground">{member.email}</div>
                </div>
                <Badge variant="outline">{ROLE_LABELS[member.role]}</Badge>
                {!member.active ? <Badge variant="destructive">Disabled</Badge> : null}
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={remove.isPending && remove.variables?.userId === member.id}
                  onClick={() => remove.mutate({ groupId, userId: member.id })}
                  aria-label={`Remove ${member.name} from ${groupName}`}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </PagedQueryState>
  );
}
