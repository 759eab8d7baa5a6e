import Link from "next/link";
import { ArrowLeftIcon } from "lucide-react";

/** "← Queues": the way back to the list a page was opened from. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeftIcon className="size-4" aria-hidden /> {children}
    </Link>
  );
}
