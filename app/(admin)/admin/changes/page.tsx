import type { Metadata } from "next";
import { ApprovalPolicies } from "@/components/admin/changes/approval-policies";
import { Blackouts } from "@/components/admin/changes/blackouts";

export const metadata: Metadata = { title: "Change approvals" };

/** Change management settings: who approves which kind of change, and blackout windows. */
export default function ChangeSettingsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Change approvals</h1>
      <ApprovalPolicies />
      <Blackouts />
    </div>
  );
}
