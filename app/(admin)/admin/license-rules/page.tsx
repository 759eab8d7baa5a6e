import type { Metadata } from "next";
import { RulesEditor } from "@/components/admin/license-rules/rules-editor";
import { PinnedPeople } from "@/components/admin/license-rules/pinned-people";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "License rules" };

/** License rules by identity attributes (the product brief's "licenses from HR job codes"), and pins by hand. */
export default async function LicenseRulesPage() {
  if (!(await requirePageArea("admin"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">License rules</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">
          Rules give people a role and a seat license from what the identity provider says about them: job code,
          department, groups and employee type. They apply when you save them, at every single sign-on and every
          provisioning change. The first rule that matches decides; people pinned by hand are skipped.
        </p>
      </div>
      <RulesEditor />
      <PinnedPeople />
    </div>
  );
}
