import "server-only";
import { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";
import { logger } from "../logger";
import { startPeriodicJob } from "../jobs/periodic";
import { SIGNATURE_HEADER } from "@/lib/webhooks";
import { signWebhook } from "./signature";

/*
 * Sends the webhook outbox (outbox.ts). Each instance claims due deliveries with
 * FOR UPDATE SKIP LOCKED and moves their next attempt ahead by CLAIM_SECONDS before sending, so
 * two instances never send one delivery at the same time and a crash mid-send only delays it.
 * A 2xx answer delivers it; anything else (an error status, a timeout, a refused connection) is
 * retried with exponential backoff (10 s, 20 s, 40 s … at most an hour apart) until MAX_ATTEMPTS,
 * then it is FAILED. Every attempt keeps the status code and the first characters of the answer.
 */

export const MAX_ATTEMPTS = 8;
const CLAIM_SECONDS = 120;
const TIMEOUT_MS = 10_000;
const RESPONSE_CHARS = 1000;
export const WEBHOOK_EVERY_SECONDS = 5;

export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

type Claimed = {
  id: bigint;
  event: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
};

/** Sends what is due now (at most `limit`); returns how many were sent successfully. */
export async function deliverDueWebhooks(db: Db, limit = 50): Promise<number> {
  const claimed = await db.$queryRaw<Claimed[]>(Prisma.sql`
    with due as (
      select d.id from "WebhookDelivery" d
      where d.status = 'PENDING' and d."nextAttemptAt" <= now()
      order by d."nextAttemptAt" limit ${limit}::int for update skip locked
    )
    update "WebhookDelivery" d set "nextAttemptAt" = now() + make_interval(secs => ${CLAIM_SECONDS}::int)
    from due, "WebhookEndpoint" e
    where d.id = due.id and e.id = d."endpointId"
    returning d.id, d.event, d.payload, d.attempts, e.url, e.secret`);
  const results = await Promise.all(claimed.map((delivery) => send(db, delivery)));
  return results.filter(Boolean).length;
}

async function send(db: Db, delivery: Claimed): Promise<boolean> {
  const body = JSON.stringify({ deliveryId: delivery.id.toString(), ...(delivery.payload as object) });
  let status: number | null = null;
  let response = "";
  let error: string | null = null;
  try {
    const res = await fetch(delivery.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "seatdesk-webhooks/1",
        "Seatdesk-Event": delivery.event,
        "Seatdesk-Delivery": delivery.id.toString(),
        [SIGNATURE_HEADER]: signWebhook(delivery.secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = res.status;
    response = (await res.text()).slice(0, RESPONSE_CHARS);
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, RESPONSE_CHARS) : String(e);
  }
  const ok = status !== null && status >= 200 && status < 300;
  const attempts = delivery.attempts + 1;
  const gaveUp = !ok && attempts >= MAX_ATTEMPTS;
  await db.$executeRaw(Prisma.sql`
    update "WebhookDelivery" set attempts = ${attempts}::int, "lastStatusCode" = ${status}::int,
      "lastResponse" = ${response}, "lastError" = ${error},
      status = ${ok ? "DELIVERED" : gaveUp ? "FAILED" : "PENDING"},
      "deliveredAt" = case when ${ok}::boolean then now() else null end,
      "nextAttemptAt" = now() + make_interval(secs => ${backoffSeconds(attempts)}::int)
    where id = ${delivery.id}::bigint`);
  if (gaveUp) logger.warn("a webhook delivery failed for good", { deliveryId: delivery.id.toString(), status, error });
  return ok;
}

export function startWebhookJob(db: Db, everySeconds = WEBHOOK_EVERY_SECONDS): () => void {
  return startPeriodicJob("webhook deliveries", everySeconds, async () => {
    while ((await deliverDueWebhooks(db)) === 50); // drain a backlog batch after batch
  });
}
