"use client";
import { useState } from "react";
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
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { LoadErrorAlert, Pager, useCursorPager } from "@/components/admin/shared/cursor-pager";

const STATUS_VARIANT = { PENDING: "warning", SENT: "success", FAILED: "destructive" } as const;
const INBOUND_VARIANT = { PROCESSED: "success", HELD: "warning", IGNORED: "secondary", FAILED: "destructive" } as const;

function Loading({ what }: { what: string }) {
  return (
    <p className="py-10 text-center text-sm text-muted-foreground" role="status">
      Loading {what}…
    </p>
  );
}

/** The status filter both lists share: every status, or one. */
function StatusFilter<S extends string>(props: {
  id: string;
  value: S | "";
  onChange: (value: S | "") => void;
  statuses: readonly S[];
  labels: Record<S, string>;
}) {
  return (
    <div className="grid max-w-xs gap-1.5">
      <Label htmlFor={props.id}>Status</Label>
      <NativeSelect id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as S | "")}>
        <option value="">Every status</option>
        {props.statuses.map((s) => (
          <option key={s} value={s}>
            {props.labels[s]}
          </option>
        ))}
      </NativeSelect>
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
    <div className="space-y-4">
      <StatusFilter
        id="outbox-status"
        value={status}
        onChange={setStatus}
        statuses={MAIL_STATUSES}
        labels={MAIL_STATUS_LABEL}
      />
      {query.isError ? (
        <LoadErrorAlert
          title="The outbox could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : query.isPending ? (
        <Loading what="the outbox" />
      ) : query.data.items.length === 0 && pager.page === 0 ? (
        <EmptyState title="No mail yet">
          Notices to requesters and agents show up here as soon as tickets change, sent or not.
        </EmptyState>
      ) : (
        <div aria-busy={query.isFetching}>
          <Table aria-label="Outgoing mail, newest first">
            <TableHeader>
              <TableRow>
                <TableHead>Written</TableHead>
                <TableHead>To</TableHead>
                <TableHead>Message</TableHead>
                <TableHead>Status</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data.items.map((m) => (
                <TableRow key={m.id} data-testid="outbox-message">
                  <TableCell className="whitespace-nowrap align-top">
                    <time dateTime={new Date(m.createdAt).toISOString()}>{formatWhen(m.createdAt)}</time>
                  </TableCell>
                  <TableCell className="align-top">{m.toAddress}</TableCell>
                  <TableCell className="max-w-xl align-top">
                    <details>
                      <summary className="cursor-pointer">{m.subject}</summary>
                      <pre className="mt-2 whitespace-pre-wrap break-words rounded-md bg-muted p-3 text-xs">
                        {m.textBody}
                      </pre>
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
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pager pager={pager} pageSize={MAIL_PAGE_SIZE} data={query.data} busy={query.isFetching} noun="messages" />
        </div>
      )}
    </div>
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
    <div className="space-y-4">
      <StatusFilter
        id="inbound-status"
        value={status}
        onChange={setStatus}
        statuses={INBOUND_STATUSES}
        labels={INBOUND_STATUS_LABEL}
      />
      {query.isError ? (
        <LoadErrorAlert
          title="Received mail could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : query.isPending ? (
        <Loading what="received mail" />
      ) : query.data.items.length === 0 && pager.page === 0 ? (
        <EmptyState title="No mail received">
          Mail to the desk&apos;s address shows up here once the SMTP listener or the IMAP mailbox is configured.
        </EmptyState>
      ) : (
        <div aria-busy={query.isFetching}>
          <Table aria-label="Mail received, newest first">
            <TableHeader>
              <TableRow>
                <TableHead>Received</TableHead>
                <TableHead>From</TableHead>
                <TableHead>Subject</TableHead>
                <TableHead>Outcome</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data.items.map((m) => (
                <TableRow key={m.id} data-testid="inbound-message">
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
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pager pager={pager} pageSize={MAIL_PAGE_SIZE} data={query.data} busy={query.isFetching} noun="messages" />
        </div>
      )}
    </div>
  );
}
