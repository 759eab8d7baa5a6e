import type { Metadata } from "next";
import { requirePageArea } from "@/server/auth/require-area";
import { UsersAdmin } from "@/components/admin/users/users-admin";
import { SignInLocks } from "@/components/admin/users/sign-in-locks";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const session = await requirePageArea("admin");
  if (!session) return null; // the layout says "not for you"
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
      <UsersAdmin currentUserId={session.user.id} />
    </div>
  );
}
