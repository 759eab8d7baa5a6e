import Image from "next/image";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "./user-menu";
import type { SessionUser } from "@/server/auth/auth-sessions";
import { ROLE_LABELS } from "@/lib/validation/users";

export type NavItem = { href: string; label: string };

/** The header of every area: product and area name, the area's navigation, who is signed in. */
export function AppHeader({
  area,
  home,
  nav,
  user,
  children,
}: {
  area: string;
  home: string;
  nav: NavItem[];
  user: SessionUser;
  children?: ReactNode;
}) {
  return (
    <header className="sticky top-0 z-40 border-b bg-card/95 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4">
        <Link href={home} className="flex shrink-0 items-center gap-2 whitespace-nowrap font-semibold">
          <Image src="/favicon.svg" alt="" width={22} height={22} unoptimized priority />
          seatdesk <span className="font-normal text-muted-foreground">{area}</span>
        </Link>
        {/* One line whatever the width: a long navigation scrolls sideways rather than wrapping its labels. */}
        <nav aria-label={`${area} navigation`} className="flex min-w-0 items-center gap-1 overflow-x-auto text-sm">
          {nav.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className={
                "whitespace-nowrap rounded-md px-2 py-1.5 text-muted-foreground hover:bg-accent hover:text-foreground"
              }
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-3">
          {children}
          <UserMenu name={user.name} email={user.email} roleLabel={ROLE_LABELS[user.role]} />
        </div>
      </div>
    </header>
  );
}
