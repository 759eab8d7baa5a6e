"use client";
import type { RulesPreview } from "@/server/identity/rules/license-rules";
import { NAMED_TIE_BREAK, ROLE_LABELS, type RuleRole } from "@/lib/validation/license-rules";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

type License = RulesPreview["changes"][number]["after"]["license"];

const licenseText = (l: License) =>
  l.kind === "NAMED" ? "Named seat" : l.kind === "CONCURRENT" ? `Pool ${l.poolName ?? "(deleted)"}` : "No license";
const roleText = (role: string) => ROLE_LABELS[role as RuleRole] ?? role;
const people = (n: number) => (n === 1 ? "1 person" : `${n.toLocaleString("en")} people`);

/** What saving (or applying) would change: who gains or loses what, and who would get no named seat. */
export function RulesPreviewPanel({ preview }: { preview: RulesPreview }) {
  const { named } = preview;
  const short = named.requested - named.granted;
  return (
    <section aria-label="Preview" className="space-y-4">
      <dl className="grid gap-3 sm:grid-cols-4">
        <Figure label="Would change" value={people(preview.totalChanges)} />
        <Figure label="Gain a license" value={people(preview.gains)} />
        <Figure label="Lose or downgrade a license" value={people(preview.losses)} />
        <Figure
          label="Skipped"
          value={
            `${preview.skipped.pinned} pinned, ${preview.skipped.disabled} ` +
            `disabled, ${preview.skipped.other.length} other`
          }
        />
      </dl>
      {preview.problems.map((p) => (
        <Alert key={p} variant="destructive" role="alert">
          <AlertDescription>{p}</AlertDescription>
        </Alert>
      ))}
      {short > 0 ? (
        <Alert variant="destructive" role="alert">
          <AlertTitle>More named seats than are owned</AlertTitle>
          <AlertDescription className="space-y-1">
            <p>
              The rules give {named.requested} named seats; {named.owned} are owned
              {named.heldOutside > 0 ? `, ${named.heldOutside} of them held by people the rules skip` : ""}: these{" "}
              {short} would get none: {named.withoutSeat.map((p) => p.name).join(", ")}
              {named.withoutSeat.length < short ? ", …" : ""}.
            </p>
            <p className="text-xs">Who gets a named seat first: {NAMED_TIE_BREAK}.</p>
          </AlertDescription>
        </Alert>
      ) : (
        <p className="text-sm text-muted-foreground">
          Named seats: the rules give {named.requested}, and {Math.max(0, named.owned - named.heldOutside)} are free for
          them (of {named.owned} owned). If they ever give more, {NAMED_TIE_BREAK}.
        </p>
      )}
      {preview.adminGains.length > 0 ? (
        <Alert variant="warning" role="alert">
          <AlertTitle>New administrators</AlertTitle>
          <AlertDescription>
            {people(preview.adminGains.length)} would become administrators:{" "}
            {preview.adminGains
              .slice(0, 10)
              .map((p) => p.name)
              .join(", ")}
            {preview.adminGains.length > 10 ? ", …" : ""}.
          </AlertDescription>
        </Alert>
      ) : null}
      {preview.skipped.other.length > 0 ? (
        <ul className="list-disc pl-5 text-sm text-muted-foreground">
          {preview.skipped.other.map((s) => (
            <li key={s.person.id}>
              {s.person.name} is skipped: {s.why}.
            </li>
          ))}
        </ul>
      ) : null}
      {preview.changes.length === 0 ? (
        <EmptyState title="Nobody's role or license would change">
          The rules agree with what everyone holds now.
        </EmptyState>
      ) : (
        <Table aria-label="Changes">
          <TableHeader>
            <TableRow>
              <TableHead>Person</TableHead>
              <TableHead>Rule</TableHead>
              <TableHead>Now</TableHead>
              <TableHead>After</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {preview.changes.map((c) => (
              <TableRow key={c.person.id}>
                <TableCell>
                  <span className="font-medium">{c.person.name}</span>
                  <span className="block text-xs text-muted-foreground">{c.person.email}</span>
                </TableCell>
                <TableCell>
                  {c.rule ?? <span className="text-muted-foreground">No rule matches any more</span>}
                </TableCell>
                <TableCell>
                  {roleText(c.before.role)} · {licenseText(c.before.license)}
                </TableCell>
                <TableCell>
                  {roleText(c.after.role)} · {licenseText(c.after.license)}
                  {c.noNamedSeatLeft ? (
                    <Badge variant="destructive" className="ml-2">
                      no named seat left
                    </Badge>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {preview.totalChanges > preview.changes.length ? (
        <p className="text-sm text-muted-foreground">
          The first {preview.changes.length} of {preview.totalChanges.toLocaleString("en")} changes are listed.
        </p>
      ) : null}
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg border p-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-lg font-semibold">{value}</dd>
    </div>
  );
}
