"use client";
import { useEffect, useState } from "react";
import { SlaClocks } from "@/components/tickets/sla-clocks";
import { useSeat } from "@/components/console/seat-provider";
import type { ConsoleTicket } from "../types";

/** The ticket's SLA clocks, ticking every 30 seconds on the database's clock (not the browser's). */
export function SlaPanel({ ticket }: { ticket: ConsoleTicket }) {
  const { clockOffsetMs } = useSeat();
  const [now, setNow] = useState(() => new Date(ticket.sla.now));
  useEffect(() => {
    const tick = () => setNow(new Date(Date.now() + clockOffsetMs));
    tick();
    const timer = setInterval(tick, 30_000);
    return () => clearInterval(timer);
  }, [clockOffsetMs]);
  return <SlaClocks ticket={ticket} now={now} target={ticket.sla.target} layout="panel" />;
}
