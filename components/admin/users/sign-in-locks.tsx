"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable, TableCell } from "@/components/ui/table";
import { LoadErrorAlert } from "@/components/admin/shared/cursor-pager";
import { toast } from "@/components/ui/toaster";

/**
 * Accounts and client addresses whose sign-ins are being slowed after repeated failures
 * (server/auth/sign-in-throttle.ts), with a way to lift each at once. Shown only when there are
 * any; every lift is kept in the audit log.
 */
export function SignInLocks() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.adminUsers.signInLocks.queryOptions(undefined, { refetchInterval: 30_000 }));
  const lift = useMutation(
    trpc.adminUsers.liftSignInLock.mutationOptions({
      onSuccess: (r, input) => {
        const subject = input.key.slice(input.key.indexOf(":") + 1);
        if (r.lifted) toast.success(`Sign-ins for ${subject} are no longer slowed.`);
        else toast.info(`${subject} was no longer slowed.`);
        void queryClient.invalidateQueries({ queryKey: trpc.adminUsers.signInLocks.queryKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  if (query.isError)
    return (
      <LoadErrorAlert
        title="Slowed sign-ins could not be loaded"
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  if (!query.data || query.data.length === 0) return null;
  return (
    <Card data-testid="sign-in-locks">
      <CardHeader>
        <CardTitle className="text-base">Slowed sign-ins</CardTitle>
        <CardDescription>
          After repeated failed sign-ins, each further attempt waits longer (up to 15 minutes). Lift it for someone who
          is locked out by another person&apos;s guesses.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <DataTable
          columns={[
            "Account or network address",
            { label: "Attempts", className: "text-right" },
            "Last attempt",
            "Next attempt allowed",
            { label: "Actions", srOnly: true },
          ]}
          rows={query.data}
          rowKey={(lock) => lock.key}
          cells={(lock) => (
            <>
              <TableCell>
                <div>{lock.subject}</div>
                <div className="text-xs text-muted-foreground">
                  {lock.scope === "account" ? "account" : "network address (all accounts)"}
                </div>
              </TableCell>
              <TableCell className="text-right tabular-nums">{lock.attempts}</TableCell>
              <TableCell>{formatWhen(lock.lastAttemptAt, { seconds: true })}</TableCell>
              <TableCell>
                {lock.nextAttemptAt && new Date(lock.nextAttemptAt) > new Date()
                  ? formatWhen(lock.nextAttemptAt, { seconds: true })
                  : "now"}
              </TableCell>
              <TableCell className="text-right">
                <Button
                  size="sm"
                  variant="outline"
                  disabled={lift.isPending}
                  onClick={() => lift.mutate({ key: lock.key })}
                  aria-label={`Lift the sign-in lock of ${lock.subject}`}
                >
                  Lift
                </Button>
              </TableCell>
            </>
          )}
        />
      </CardContent>
    </Card>
  );
}
