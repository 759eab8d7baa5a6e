import Link from "next/link";
import { ShieldXIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { homeFor } from "@/server/auth/home";
import type { SessionUser } from "@/server/auth/auth-sessions";

const AREA_TEXT = { console: "the agent console", admin: "administration" } as const;

/** Shown instead of an area the signed-in person may not open: a clear answer, not a crash. */
export function NotForYou({ area, user }: { area: keyof typeof AREA_TEXT; user: SessionUser }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 p-6 text-center">
      <ShieldXIcon className="size-10 text-muted-foreground" aria-hidden />
      <h1 className="text-2xl font-semibold">This page is not for you</h1>
      <p className="text-muted-foreground">
        You are signed in as {user.name} ({user.email}), and {AREA_TEXT[area]} is for {area === "admin" ? "administrators" : "service desk agents"} only.
        If you need it for your work, ask your IT administrator.
      </p>
      <Button asChild>
        <Link href={homeFor(user.role)}>Go to your home page</Link>
      </Button>
    </main>
  );
}
