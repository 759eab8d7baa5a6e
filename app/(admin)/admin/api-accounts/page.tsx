import type { Metadata } from "next";
import Link from "next/link";
import { ApiAccountsAdmin } from "@/components/admin/api-accounts/api-accounts-admin";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "API accounts" };

export default async function ApiAccountsPage() {
  if (!(await requirePageArea("admin"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">API accounts</h1>
        <p className="text-sm text-muted-foreground">
          Programs (a chat hub, monitoring) that act for people through <code>/api/v1</code>. Every write names the
          person it acts for; acting for an agent takes that agent&apos;s seat. Tokens are shown once. See the{" "}
          <Link className="underline" href="/api/v1/docs" prefetch={false}>
            API reference
          </Link>
          .
        </p>
      </div>
      <ApiAccountsAdmin />
    </div>
  );
}
