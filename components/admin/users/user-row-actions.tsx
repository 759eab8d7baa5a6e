"use client";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRoundIcon, LogOutIcon, MoreHorizontalIcon, PencilIcon, PowerIcon, ShieldOffIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { toast } from "@/components/ui/toaster";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EditUserDialog } from "./edit-user-dialog";
import { SetPasswordDialog } from "./set-password-dialog";
import type { UserRow } from "./types";

type Open = "edit" | "password" | "active" | "sign-out" | "mfa" | null;
const sessions = (n: number) => `${n} open session${n === 1 ? "" : "s"}`;

/** What an administrator can do to one person; each lasting action asks first. */
export function UserRowActions({ user, isSelf }: { user: UserRow; isSelf: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.adminUsers.list.queryKey() });

  const setActive = useMutation(
    trpc.adminUsers.setActive.mutationOptions({
      onSuccess: (r) => {
        toast.success(
          r.active
            ? `${user.name} is enabled and can sign in.`
            : `${user.name} is disabled: ${sessions(r.sessionsEnded)} ended${r.seatReleased ? ", seat freed" : ""}.`,
        );
        close();
        void refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const signOut = useMutation(
    trpc.adminUsers.endSessions.mutationOptions({
      onSuccess: (r) => {
        toast.success(
          `${user.name} is signed out everywhere: ${sessions(r.sessionsEnded)} ` +
            `ended${r.seatReleased ? ", seat freed" : ""}.`,
        );
        close();
        void refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  const resetMfa = useMutation(
    trpc.adminMfa.reset.mutationOptions({
      onSuccess: (r) => {
        toast.success(
          r.hadMfa
            ? `${user.name}'s second factor is reset: they set it up again at their next sign-in.`
            : `${user.name} had no second factor.`,
        );
        close();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Actions for ${user.name}`}>
            <MoreHorizontalIcon aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => setOpen("edit")}>
            <PencilIcon aria-hidden /> Edit
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => setOpen("password")}>
            <KeyRoundIcon aria-hidden /> Set password
          </DropdownMenuItem>
          {!isSelf ? (
            <>
              <DropdownMenuItem onSelect={() => setOpen("sign-out")}>
                <LogOutIcon aria-hidden /> Sign out everywhere
              </DropdownMenuItem>
              <DropdownMenuItem onSelect={() => setOpen("mfa")}>
                <ShieldOffIcon aria-hidden /> Reset second factor
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem
                onSelect={() => setOpen("active")}
                className={user.active ? "text-destructive focus:text-destructive" : undefined}
              >
                <PowerIcon aria-hidden /> {user.active ? "Disable account" : "Enable account"}
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>

      <EditUserDialog user={user} open={open === "edit"} onOpenChange={(o) => setOpen(o ? "edit" : null)} />
      <SetPasswordDialog
        user={user}
        isSelf={isSelf}
        open={open === "password"}
        onOpenChange={(o) => setOpen(o ? "password" : null)}
      />
      <ConfirmDialog
        open={open === "mfa"}
        onOpenChange={(o) => setOpen(o ? "mfa" : null)}
        title={`Reset ${user.name}'s second factor?`}
        confirmLabel="Reset second factor"
        destructive
        pending={resetMfa.isPending}
        onConfirm={() => resetMfa.mutate({ userId: user.id })}
      >
        <p>
          Their authenticator app and recovery codes stop working. They sign in with their password alone and set up
          two-step sign-in again (at once, if the policy requires it for them). Make sure it is really them asking.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={open === "active"}
        onOpenChange={(o) => setOpen(o ? "active" : null)}
        title={user.active ? `Disable ${user.name}?` : `Enable ${user.name}?`}
        confirmLabel={user.active ? "Disable account" : "Enable account"}
        destructive={user.active}
        pending={setActive.isPending}
        onConfirm={() => setActive.mutate({ id: user.id, active: !user.active })}
      >
        {user.active ? (
          <>
            <p>
              {user.openSessions > 0
                ? `They are signed out at once (${sessions(user.openSessions)}) and cannot`
                : "They cannot"}{" "}
              sign in until enabled again.
            </p>
            <p>Any seat they hold is freed and they leave any waiting line. Their seat license and groups are kept.</p>
          </>
        ) : (
          <p>They can sign in again with their current password.</p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={open === "sign-out"}
        onOpenChange={(o) => setOpen(o ? "sign-out" : null)}
        title={`Sign ${user.name} out everywhere?`}
        confirmLabel="Sign out everywhere"
        destructive
        pending={signOut.isPending}
        onConfirm={() => signOut.mutate({ id: user.id })}
      >
        <p>
          {user.openSessions > 0
            ? `Ends ${sessions(user.openSessions)} on every device at once`
            : "They have no open session right now; any that starts before you confirm ends too"}
          {user.holdsSeat ? ", and frees the seat they hold" : ""}.
        </p>
        <p>Their account stays enabled: they can sign in again.</p>
      </ConfirmDialog>
    </>
  );
}
