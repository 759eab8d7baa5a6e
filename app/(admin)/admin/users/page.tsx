import type { Metadata } from "next";
import { getCurrentSession } from "@/server/auth/current-user";
import { UsersAdmin } from "@/components/admin/users/users-admin";
import { SignInLocks } from "@/components/admin/users/sign-in-locks";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  // The admin layout has already checked the session and role; this names who "you" are.
  const session = await getCurrentSession();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Users</h1>
        <p className="text-sm text-muted-foreground">
          Everyone who signs in: end users, agents and administrators. Disabling someone signs them out at once and
          frees their seat.
        </p>
      </div>
      <SignInLocks />
      <UsersAdmin currentUserId={session?.user.id ?? ""} />
    </div>
  );
}
