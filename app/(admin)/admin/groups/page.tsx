import type { Metadata } from "next";
import { GroupsAdmin } from "@/components/admin/groups/groups-admin";

export const metadata: Metadata = { title: "Groups" };

export default function GroupsPage() {
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
