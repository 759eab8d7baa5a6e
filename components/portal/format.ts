/** A date and time as people read them ("25 Nov 2026, 14:05"), in the reader's time zone. */
export function formatWhen(value: Date | string): string {
  return new Date(value).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}
