import Link from "next/link";
import { SearchXIcon } from "lucide-react";
import { Button } from "@/components/ui/button";

/** A ticket that does not exist and someone else's ticket look the same: nothing is revealed. */
export default function PortalTicketNotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-4 py-16 text-center">
      <SearchXIcon className="size-10 text-muted-foreground" aria-hidden />
      <h1 className="text-2xl font-semibold">Ticket not found</h1>
      <p className="text-muted-foreground">
        This ticket was not found among your tickets. Check the number, or find it in your list.
      </p>
      <Button asChild>
        <Link href="/portal">Go to my tickets</Link>
      </Button>
    </div>
  );
}
