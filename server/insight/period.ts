import "server-only";

/** Shared wording about periods. */

const day = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

export function describePeriod(from: Date, to: Date): string {
  return `${day(from)} to ${day(to)} UTC`;
}

export function noHistoryMessage(from: Date, to: Date): string {
  return `No seat history in this period (${describePeriod(from, to)}): no one held a seat or was refused one.`;
}
