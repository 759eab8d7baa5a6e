/**
 * The console's tab counts are exact up to this many tickets; the server stops counting at one
 * more, and a tab shows such a count as "1,000+". A plain constant, so the console's client
 * code can import it too.
 */
export const QUEUE_COUNT_CAP = 1000;

/** A queue's count as shown: the server counts up to QUEUE_COUNT_CAP + 1, so anything above the cap is "1,000+". */
export const formatQueueCount = (count: number) =>
  count > QUEUE_COUNT_CAP ? `${QUEUE_COUNT_CAP.toLocaleString("en")}+` : count.toLocaleString("en");
