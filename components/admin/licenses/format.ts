import type { LicenseView } from "@/server/licensing/license-change";

/** "30 minutes", "1 hour 30 minutes", "24 hours". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (h === 0) return part(m, "minute");
  return m === 0 ? part(h, "hour") : `${part(h, "hour")} ${part(m, "minute")}`;
}

export function licenseText(license: LicenseView): string {
  return license.kind === "NAMED"
    ? "Named seat"
    : license.kind === "CONCURRENT"
      ? `Pool: ${license.poolName}`
      : "No license";
}
