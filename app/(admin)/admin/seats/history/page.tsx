import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/server/db/client";
import { SeatHistory } from "@/components/admin/seats/seat-history";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Seat history" };
export const dynamic = "force-dynamic";

export default async function SeatHistoryPage() {
  if (!(await requirePageArea("admin"))) return null; // the layout says "not for you"
  // Deleted pools too: their history keeps its meaning.
  const pools = await getDb().seatPool.findMany({
    orderBy: [{ deletedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
    select: { id: true, name: true, deletedAt: true },
  });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Seat history</h1>
          <p className="text-sm text-muted-foreground">
            Every grant, refusal, release and waiting-line event, newest first. Times are in your time zone.
          </p>
        </div>
        <Link href="/admin/seats" className="text-sm text-primary underline-offset-4 hover:underline">
          Seat board
        </Link>
      </div>
      <SeatHistory pools={pools.map((p) => ({ id: p.id, name: p.name, deleted: p.deletedAt !== null }))} />
    </div>
  );
}
