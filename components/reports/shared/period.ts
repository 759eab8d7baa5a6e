/*
 * The period of a report as the forms hold it (a preset, or two calendar days typed in the
 * reader's time zone), and as the procedures take it (two instants, the end exclusive).
 */

export const PERIOD_PRESETS = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "custom", label: "Custom dates" },
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]["value"];

export type PeriodForm = { preset: PeriodPreset; from: string; to: string };
export type Period = { from: Date; to: Date };

const DAY_MS = 86_400_000;

/** A calendar day typed in a date field, as local midnight; null when empty or not a date. */
function localDay(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const d = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}

export const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/**
 * The instants a form means, or the field that is missing. A preset ends now (rounded up to the
 * hour, so one "last 7 days" means the same period for a whole hour and is cached once); custom
 * days include the last day chosen.
 */
export function periodOf(
  form: PeriodForm,
  now = new Date(),
): { period: Period } | { field: "from" | "to"; message: string } {
  if (form.preset !== "custom") {
    const to = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
    return { period: { from: new Date(to.getTime() - Number(form.preset) * DAY_MS), to } };
  }
  const from = localDay(form.from);
  if (!from)
    return { field: "from", message: form.from.trim() ? "Enter a valid start date" : "Enter the start of the period" };
  const last = localDay(form.to);
  if (!last) return { field: "to", message: form.to.trim() ? "Enter a valid end date" : "Enter the end of the period" };
  const to = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
  return { period: { from, to } };
}

/** Custom dates prefilled with what a preset covers, so switching to custom starts from there. */
export function defaultPeriodForm(preset: PeriodPreset = "30", now = new Date()): PeriodForm {
  const from = new Date(now.getTime() - (preset === "custom" ? 30 : Number(preset)) * DAY_MS);
  return { preset, from: isoDay(from), to: isoDay(now) };
}
