import type { Metadata } from "next";
import { getDb } from "@/server/db/client";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Administration" };
export const dynamic = "force-dynamic";

export default async function AdminHome() {
  const db = getDb();
  const [byRole, groups] = await Promise.all([db.user.groupBy({ by: ["role"], where: { active: true }, _count: true }), db.group.count()]);
  const count = (role: string) => byRole.find((r) => r.role === role)?._count ?? 0;
  const stats = [
    { label: "End users", value: count("END_USER"), hint: "Portal only, never need a seat" },
    { label: "Agents", value: count("AGENT"), hint: "Work tickets in the console" },
    { label: "Administrators", value: count("ADMIN"), hint: "Administration needs no seat" },
    { label: "Groups", value: groups, hint: "Service desk and specialist groups" },
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {stats.map((s) => (
          <Card key={s.label}>
            <CardHeader>
              <CardDescription>{s.label}</CardDescription>
              <CardTitle className="text-3xl">{s.value.toLocaleString("en")}</CardTitle>
              <p className="text-xs text-muted-foreground">{s.hint}</p>
            </CardHeader>
          </Card>
        ))}
      </div>
    </div>
  );
}
