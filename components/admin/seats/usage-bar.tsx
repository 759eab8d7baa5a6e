/** "3 of 4 in use" as a bar: leases in the main colour, reservations for the line lighter. */
export function UsageBar({
  inUse,
  reserved,
  size,
  label,
}: {
  inUse: number;
  reserved: number;
  size: number;
  label: string;
}) {
  const pct = (n: number) => (size > 0 ? Math.min(100, (n / size) * 100) : 0);
  const usedPct = pct(inUse);
  const reservedPct = Math.min(100 - usedPct, pct(reserved));
  const full = inUse + reserved >= size;
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={size}
      aria-valuenow={Math.min(inUse, size)}
      aria-valuetext={`${inUse} of ${size} in use${reserved ? `, ${reserved} reserved` : ""}`}
      className="flex h-2 w-full overflow-hidden rounded-full bg-muted"
    >
      <div className={full ? "bg-destructive" : "bg-primary"} style={{ width: `${usedPct}%` }} />
      <div className="bg-warning" style={{ width: `${reservedPct}%` }} />
    </div>
  );
}
