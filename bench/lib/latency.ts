import { checkoutOverHttp, type SignedInAgent } from "../../scripts/lib/agent-client";
import { percentile, runOpenLoop } from "./load";

/*
 * (b) Checkout latency over HTTP at a fixed arrival rate (open loop). Each request is a checkout
 * by another agent, who holds no seat: with 1,000 agents at 100/s for 10 s, everyone asks once.
 * Only the checkout is measured and sent in the window; the caller ends the leases afterwards.
 */

export type LatencyResult = {
  rate: number;
  seconds: number;
  sent: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  late: number;
  lateAfterMs: number;
  errors: number;
  firstError: string | null;
};

export async function measureLatency(
  agents: SignedInAgent[],
  options: { ratePerSecond: number; seconds: number; lateAfterMs: number },
): Promise<LatencyResult> {
  const needed = options.ratePerSecond * options.seconds;
  if (agents.length < needed)
    throw new Error(`The latency run needs ${needed} agents, one per checkout; there are ${agents.length}.`);
  let next = 0;
  const result = await runOpenLoop(
    { ratePerSecond: options.ratePerSecond, durationMs: options.seconds * 1000, lateAfterMs: options.lateAfterMs },
    async (measured) => {
      const checkout = await checkoutOverHttp(agents[next++]!);
      measured();
      if (checkout.status !== "granted") throw new Error(`seat.checkout answered ${checkout.status}`);
    },
  );
  const l = result.latenciesMs;
  return {
    rate: options.ratePerSecond,
    seconds: options.seconds,
    sent: result.sent,
    p50: percentile(l, 50),
    p95: percentile(l, 95),
    p99: percentile(l, 99),
    max: Math.max(...l),
    late: result.late,
    lateAfterMs: options.lateAfterMs,
    errors: result.errors,
    firstError: result.firstError,
  };
}
