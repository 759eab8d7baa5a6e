import "server-only";
import Link from "next/link";
import { ShieldXIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { homeFor } from "@/lib/auth/roles";
import type { SessionUser } from "@/server/auth/auth-sessions";

/** Each area and who it is for, in the words of the message. */
const AREA_TEXT = {
  console: { what: "the agent console", who: "service desk agents" },
  admin: { what: "administration", who: "administrators" },
  portal: { what: "the self-service portal", who: "people who raise and follow tickets" },
  reports: { what: "the reports", who: "administrators and report viewers" },
} as const;

/**
 * Shown instead of an area the signed-in person may not open: a clear answer, not a crash. A server
 * component, rendered by the area layouts, that names the person's own area (homeFor).
 */
export function NotForYou({ area, user }: { area: keyof typeof AREA_TEXT; user: SessionUser }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 p-6 text-center">
      <ShieldXIcon className="size-10 text-muted-foreground" aria-hidden />
      <h1 className="text-2xl font-semibold">This page is not for you</h1>
      <p className="text-muted-foreground">
        You are signed in as {user.name} ({user.email}), and {AREA_TEXT[area].what} is for {AREA_TEXT[area].who} only.
        If you need it for your work, ask your IT administrator.
      </p>
      <Button asChild>
        <Link href={homeFor(user.role)}>Go to your home page</Link>
      </Button>
    </main>
  );
}
