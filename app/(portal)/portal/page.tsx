import type { Metadata } from "next";
import { getCurrentSession } from "@/server/auth/current-user";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Self-service" };

export default async function PortalHome() {
  const session = await getCurrentSession();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Hello, {session?.user.name.split(" ")[0]}</h1>
        <p className="text-muted-foreground">Report a problem, ask for something, and follow your requests. No license is ever needed here.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Report a problem</CardTitle>
            <CardDescription>Something is broken or not working as it should.</CardDescription>
          </CardHeader>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Ask for something</CardTitle>
            <CardDescription>Access, hardware, software or information.</CardDescription>
          </CardHeader>
        </Card>
      </div>
    </div>
  );
}
