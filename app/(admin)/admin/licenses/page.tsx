import type { Metadata } from "next";
import { EntitlementCard } from "@/components/admin/licenses/entitlement-card";
import { PoolsTable } from "@/components/admin/licenses/pools-table";
import { AgentsTable } from "@/components/admin/licenses/agents-table";
import { ModuleUsageCard } from "@/components/admin/licenses/module-usage-card";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Licenses" };

/** Seat licensing administration: what is owned, the pools, and who holds which license. */
export default async function LicensesPage() {
  if (!(await requirePageArea("admin"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Licenses</h1>
        <p className="text-sm text-muted-foreground">
          Seats are needed only to work tickets. End users never need one, and administration never takes one.
        </p>
      </div>
      <EntitlementCard />
      <ModuleUsageCard canReclaim />
      <PoolsTable />
      <AgentsTable />
    </div>
  );
}
