"use client";
import type { RulesPreview } from "@/server/identity/rules/license-rules";
import { NAMED_TIE_BREAK, ROLE_LABELS, type RuleRole } from "@/lib/validation/license-rules";
import { LICENSE_MODULE_NAMES, LICENSE_MODULES, type LicenseModule } from "@/lib/validation/license-file";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

type License = RulesPreview["changes"][number]["after"]["license"];

const licenseText = (l: License) =>
  l.kind === "NAMED" ? "Named seat" : l.kind === "CONCURRENT" ? `Pool ${l.poolName ?? "(deleted)"}` : "No license";
const roleText = (role: string) => ROLE_LABELS[role as RuleRole] ?? role;
const people = (n: number) => (n === 1 ? "1 person" : `${n.toLocaleString("en")} people`);
const modulesText = (modules: LicenseModule[]) =>
  modules.length ? ` · ${modules.map((m) => LICENSE_MODULE_NAMES[m]).join(", ")}` : "";

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
      <ModuleLimits preview={preview} />
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
                  {modulesText(c.before.modules)}
                </TableCell>
                <TableCell>
                  {roleText(c.after.role)} · {licenseText(c.after.license)}
                  {modulesText(c.after.modules)}
                  {c.modulesWithoutLicense.map((m) => (
                    <Badge key={m} variant="destructive" className="ml-2">
                      no {LICENSE_MODULE_NAMES[m]} license left
                    </Badge>
                  ))}
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

/** Per module the rules give: gains and losses, and who would get none when they give more than the file grants. */
function ModuleLimits({ preview }: { preview: RulesPreview }) {
  const given = LICENSE_MODULES.filter((m) => preview.modules[m].requested > 0 || preview.modules[m].losses > 0);
  if (given.length === 0) return null;
  return (
    <div className="space-y-2">
      {given.map((m) => {
        const o = preview.modules[m];
        const name = LICENSE_MODULE_NAMES[m];
        const short = o.requested - o.granted;
        return short > 0 ? (
          <Alert key={m} variant="destructive" role="alert">
            <AlertTitle>More {name} licenses than the license file grants</AlertTitle>
            <AlertDescription className="space-y-1">
              <p>
                The rules give {o.requested} {name} licenses; the license file grants {o.owned}
                {o.heldOutside > 0 ? `, ${o.heldOutside} held by people the rules skip` : ""}: these {short} would get
                none: {o.without.map((p) => p.name).join(", ")}
                {o.without.length < short ? ", …" : ""}.
              </p>
              <p className="text-xs">
                Who gets one first: people who hold a {name} license now keep it first; then people matched by an
                earlier rule; then by email, A to Z.
              </p>
            </AlertDescription>
          </Alert>
        ) : (
          <p key={m} className="text-sm text-muted-foreground" data-testid={`module-${m}`}>
            {name}: the rules give {o.requested} ({o.gains} gained, {o.losses} taken back); the license file grants{" "}
            {o.owned}
            {o.heldOutside > 0 ? `, ${o.heldOutside} held by people the rules skip` : ""}.
          </p>
        );
      })}
    </div>
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
