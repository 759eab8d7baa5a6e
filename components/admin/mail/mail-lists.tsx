"use client";
import { useState, type ReactNode } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { formatWhen } from "@/lib/date-time";
import {
  INBOUND_STATUS_LABEL,
  INBOUND_STATUSES,
  MAIL_PAGE_SIZE,
  MAIL_STATUS_LABEL,
  MAIL_STATUSES,
  type InboundStatusValue,
  type MailStatusValue,
} from "@/lib/validation/mail";
import { FilterSelect } from "@/components/ui/filter-fields";
import { Badge } from "@/components/ui/badge";
import type { EmptyContent, QueryLike } from "@/components/ui/query-state";
import { DataTable, TableCell } from "@/components/ui/table";
import { PagedQueryState, useCursorPager, type CursorPagerState } from "@/components/admin/shared/cursor-pager";

const STATUS_VARIANT = { PENDING: "warning", SENT: "success", FAILED: "destructive" } as const;
const INBOUND_VARIANT = { PROCESSED: "success", HELD: "warning", IGNORED: "secondary", FAILED: "destructive" } as const;

/** A list of mail: a status filter, then the page of messages in a table, with its load states. */
function MailTable<S extends string, Row extends { id: string }>(props: {
  filterId: string;
  status: S | "";
  onStatus: (value: S | "") => void;
  statuses: readonly S[];
  labels: Record<S, string>;
  pager: CursorPagerState;
  query: QueryLike<{ items: Row[]; nextCursor: string | null }>;
  errorTitle: string;
  loadingLabel: string;
  empty: EmptyContent;
  tableLabel: string;
  columns: readonly string[];
  rowTestId: string;
  cells: (row: Row) => ReactNode;
}) {
  const { pager, query } = props;
  return (
    <div className="space-y-4">
      <FilterSelect
        id={props.filterId}
        label="Status"
        className="max-w-xs"
        value={props.status}
        onChange={props.onStatus}
        all="Every status"
        options={props.statuses.map((s) => [s, props.labels[s]] as const)}
      />
      <PagedQueryState
        pager={pager}
        pageSize={MAIL_PAGE_SIZE}
        noun="messages"
        query={query}
        errorTitle={props.errorTitle}
        loadingLabel={props.loadingLabel}
        empty={props.empty}
      >
        {(data) => (
          <>
            <DataTable
              label={props.tableLabel}
              columns={props.columns}
              rows={data.items}
              rowKey={(row) => row.id}
              rowTestId={() => props.rowTestId}
              cells={props.cells}
            />
          </>
        )}
      </PagedQueryState>
    </div>
  );
}

/** Outgoing mail, newest first: what was sent, what waits (and why), what failed for good. */
export function OutboxList() {
  const trpc = useTRPC();
  const [status, setStatus] = useState<MailStatusValue | "">("");
  const pager = useCursorPager(status);
  const query = useQuery(
    trpc.adminMail.outbox.queryOptions(
      { status: status || undefined, cursor: pager.cursor, limit: MAIL_PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <MailTable
      filterId="outbox-status"
      status={status}
      onStatus={setStatus}
      statuses={MAIL_STATUSES}
      labels={MAIL_STATUS_LABEL}
      pager={pager}
      query={query}
      errorTitle="The outbox could not be loaded"
      loadingLabel="Loading the outbox…"
      empty={{
        title: "No mail yet",
        description: "Notices to requesters and agents show up here as soon as tickets change, sent or not.",
      }}
      tableLabel="Outgoing mail, newest first"
      columns={["Written", "To", "Message", "Status"]}
      rowTestId="outbox-message"
      cells={(m) => (
        <>
          <TableCell className="whitespace-nowrap align-top">
            <time dateTime={new Date(m.createdAt).toISOString()}>{formatWhen(m.createdAt)}</time>
          </TableCell>
          <TableCell className="align-top">{m.toAddress}</TableCell>
          <TableCell className="max-w-xl align-top">
            <details>
              <summary className="cursor-pointer">{m.subject}</summary>
              <pre className="mt-2 whitespace-pre-wrap break-words rounded-md bg-muted p-3 text-xs">{m.textBody}</pre>
            </details>
          </TableCell>
          <TableCell className="align-top">
            <Badge variant={STATUS_VARIANT[m.status]}>{MAIL_STATUS_LABEL[m.status]}</Badge>
            <div className="mt-1 text-xs text-muted-foreground">
              {m.status === "SENT" && m.sentAt
                ? formatWhen(m.sentAt)
                : m.attempts === 0
                  ? "not tried yet"
                  : `${m.attempts} attempt${m.attempts === 1 ? "" : "s"}`}
            </div>
            {m.lastError && m.status !== "SENT" ? (
              <div className="mt-1 max-w-56 break-words text-xs text-destructive">{m.lastError}</div>
            ) : null}
          </TableCell>
        </>
      )}
    />
  );
}

/** Mail received, newest first, with what became of each and why. */
export function InboundList() {
  const trpc = useTRPC();
  const [status, setStatus] = useState<InboundStatusValue | "">("");
  const pager = useCursorPager(status);
  const query = useQuery(
    trpc.adminMail.inbound.queryOptions(
      { status: status || undefined, cursor: pager.cursor, limit: MAIL_PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <MailTable
      filterId="inbound-status"
      status={status}
      onStatus={setStatus}
      statuses={INBOUND_STATUSES}
      labels={INBOUND_STATUS_LABEL}
      pager={pager}
      query={query}
      errorTitle="Received mail could not be loaded"
      loadingLabel="Loading received mail…"
      empty={{
        title: "No mail received",
        description:
          "Mail to the desk's address shows up here once the SMTP listener or the IMAP mailbox is configured.",
      }}
      tableLabel="Mail received, newest first"
      columns={["Received", "From", "Subject", "Outcome"]}
      rowTestId="inbound-message"
      cells={(m) => (
        <>
          <TableCell className="whitespace-nowrap align-top">
            <time dateTime={new Date(m.receivedAt).toISOString()}>{formatWhen(m.receivedAt)}</time>
            <div className="text-xs text-muted-foreground">
              {m.via}, {Math.ceil(m.sizeBytes / 1024).toLocaleString("en-GB")} KB
            </div>
          </TableCell>
          <TableCell className="align-top">{m.fromAddress ?? "(no sender)"}</TableCell>
          <TableCell className="max-w-md break-words align-top">{m.subject ?? "(no subject)"}</TableCell>
          <TableCell className="align-top">
            <Badge variant={INBOUND_VARIANT[m.status]}>{INBOUND_STATUS_LABEL[m.status]}</Badge>
            {m.reason ? <div className="mt-1 max-w-64 text-xs text-muted-foreground">{m.reason}</div> : null}
          </TableCell>
        </>
      )}
    />
  );
}
