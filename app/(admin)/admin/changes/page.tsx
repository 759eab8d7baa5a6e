import type { Metadata } from "next";
import { ApprovalPolicies } from "@/components/admin/changes/approval-policies";
import { Blackouts } from "@/components/admin/changes/blackouts";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Change approvals" };

/** Change management settings: who approves which kind of change, and blackout windows. */
export default async function ChangeSettingsPage() {
  if (!(await requirePageArea("admin"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Change approvals</h1>
      <ApprovalPolicies />
      <Blackouts />
    </div>
  );
}
