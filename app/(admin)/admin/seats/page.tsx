import type { Metadata } from "next";
import Link from "next/link";
import { SeatBoard } from "@/components/admin/seats/seat-board";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Seat board" };
export const dynamic = "force-dynamic";

export default async function SeatBoardPage() {
  if (!(await requirePageArea("admin"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Seat board</h1>
          <p className="text-sm text-muted-foreground">
            Who holds a seat right now, who waits for one, and how long each has been idle.
          </p>
        </div>
        <Link href="/admin/seats/history" className="text-sm text-primary underline-offset-4 hover:underline">
          Seat history
        </Link>
      </div>
      <SeatBoard />
    </div>
  );
}
