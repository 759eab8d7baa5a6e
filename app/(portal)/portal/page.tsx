import type { Metadata } from "next";
import Link from "next/link";
import { BookOpenIcon, LightbulbIcon, WrenchIcon } from "lucide-react";
import { requirePageArea } from "@/server/auth/require-area";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { MyTickets } from "@/components/portal/my-tickets";

export const metadata: Metadata = { title: "Self-service" };
export const dynamic = "force-dynamic";

const ACTIONS = [
  {
    href: "/portal/new?type=INCIDENT",
    title: "Report a problem",
    text: "Something is broken or not working as it should.",
    Icon: WrenchIcon,
  },
  {
    href: "/portal/new?type=REQUEST",
    title: "Ask for something",
    text: "Access, hardware, software or information.",
    Icon: LightbulbIcon,
  },
  {
    href: "/portal/knowledge",
    title: "Find an answer",
    text: "How-tos and known fixes in the knowledge base.",
    Icon: BookOpenIcon,
  },
] as const;

export default async function PortalHome() {
  const session = await requirePageArea("portal");
  if (!session) return null; // the layout sends the person home
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Hello, {session.user.name.split(" ")[0]}</h1>
        <p className="text-muted-foreground">
          Report a problem, ask for something, follow your requests, or find an answer yourself. No license is ever
          needed here.
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {ACTIONS.map(({ href, title, text, Icon }) => (
          <Link
            key={href}
            href={href}
            className="group rounded-xl focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            <Card className="h-full transition-colors group-hover:border-primary/50 group-hover:bg-accent/40">
              <CardHeader>
                <CardTitle className="flex items-center gap-2">
                  <Icon className="size-4 text-primary" aria-hidden /> {title}
                </CardTitle>
                <CardDescription>{text}</CardDescription>
              </CardHeader>
            </Card>
          </Link>
        ))}
      </div>
      <section aria-labelledby="my-tickets-heading" className="space-y-3">
        <h2 id="my-tickets-heading" className="text-lg font-semibold">
          My tickets
        </h2>
        <MyTickets />
      </section>
    </div>
  );
}
