import type { Metadata } from "next";
import { GroupsAdmin } from "@/components/admin/groups/groups-admin";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage() {
  if (!(await requirePageArea("admin"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Groups</h1>
        <p className="text-sm text-muted-foreground">
          Assignment groups route tickets to the agents who work them. Only agents and administrators can be members.
        </p>
      </div>
      <GroupsAdmin />
    </div>
  );
}
