import type { Metadata } from "next";
import { getDb } from "@/server/db/client";
import { getAdminOverview } from "@/server/overview/admin-overview";
import { requirePageArea } from "@/server/auth/require-area";
import { StatSection } from "@/components/admin/overview/stat-card";
import { formatQueueCount } from "@/lib/tickets/queue-count-cap";

export const metadata: Metadata = { title: "Administration" };
export const dynamic = "force-dynamic";

const n = (value: number) => value.toLocaleString("en");
const people = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;

export default async function AdminHome() {
  // The layout shows "not for you" to anyone else; this page reads only for an administrator.
  const session = await requirePageArea("admin");
  if (!session) return null;
  const {
    seats,
    tickets,
    people: who,
  } = await getAdminOverview(getDb(), { id: session.user.id, role: session.user.role });
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Overview</h1>

      <StatSection
        id="seats-now"
        title="Seats now"
        stats={[
          {
            label: "Named seats in use",
            value: `${n(seats.named.inUse)} of ${n(seats.named.assigned)}`,
            hint: `${n(seats.named.assigned)} of ${n(seats.named.owned)} owned are assigned`,
            href: "/admin/licenses",
          },
          {
            label: "Concurrent seats in use",
            value: `${n(seats.concurrent.inUse)} of ${n(seats.concurrent.inPools)}`,
            hint:
              `${n(seats.concurrent.inPools)} of ${n(seats.concurrent.owned)} owned are ` +
              `in ${people(seats.concurrent.pools, "pool")}`,
            href: "/admin/seats",
          },
          {
            label: "Waiting for a seat",
            value: n(seats.waiting),
            hint: "People in a pool's waiting line",
            href: "/admin/seats",
            tone: seats.waiting > 0 ? "alert" : "normal",
          },
          {
            label: "Refused in the last 24 hours",
            value: n(seats.refusedLastDay),
            hint: "Checkouts that found every seat taken",
            href: "/reports",
            tone: seats.refusedLastDay > 0 ? "alert" : "normal",
          },
        ]}
      />
      <StatSection
        id="tickets-now"
        title="Tickets"
        stats={[
          {
            label: "Open",
            value: formatQueueCount(tickets.open),
            hint: "New, assigned, in progress or pending",
            href: "/console?view=open",
          },
          {
            label: "Breaching soon",
            value: formatQueueCount(tickets.breaching),
            hint: "Due within the hour, or overdue",
            href: "/console?view=breaching",
            tone: tickets.breaching > 0 ? "alert" : "normal",
          },
        ]}
      />
      <StatSection
        id="people"
        title="People"
        columns={5}
        stats={[
          { label: "End users", value: n(who.endUsers), hint: "Portal only, never need a seat", href: "/admin/users" },
          { label: "Agents", value: n(who.agents), hint: "Work tickets in the console", href: "/admin/users" },
          { label: "Administrators", value: n(who.admins), hint: "Administration needs no seat", href: "/admin/users" },
          {
            label: "Report viewers",
            value: n(who.reportViewers),
            hint: "Read the license reports, no seat",
            href: "/admin/users",
          },
          { label: "Groups", value: n(who.groups), hint: "Service desk and specialist groups", href: "/admin/groups" },
        ]}
      />
    </div>
  );
}
