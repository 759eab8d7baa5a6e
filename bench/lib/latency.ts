import { checkoutOverHttp, releaseOverHttp, type SignedInAgent } from "./agent-client";
import { percentile, runOpenLoop } from "./load";

/*
 * (b) Latency over HTTP at a fixed arrival rate (open loop). Each request is a checkout by an
 * agent who holds no seat at that moment; the release that follows is outside the measured time.
 */

export type LatencyResult = {
  rate: number; seconds: number; sent: number; p50: number; p95: number; p99: number; max: number;
  late: number; lateAfterMs: number; dropped: number; errors: number; firstError: string | null;
};

export async function measureLatency(agents: SignedInAgent[], options: { ratePerSecond: number; seconds: number; lateAfterMs: number }): Promise<LatencyResult> {
  const free = [...agents];
  let dropped = 0;
  const result = await runOpenLoop({ ratePerSecond: options.ratePerSecond, durationMs: options.seconds * 1000, lateAfterMs: options.lateAfterMs }, async (measured) => {
    const agent = free.shift();
    // Every agent is still waiting for an earlier answer: the app has fallen that far behind.
    // The request cannot be sent, and counts as never answered (its latency is infinite).
    if (!agent) {
      dropped++;
      return;
    }
    try {
      const checkout = await checkoutOverHttp(agent);
      measured();
      if (checkout.status !== "granted") throw new Error(`seat.checkout answered ${checkout.status}`);
      const release = await releaseOverHttp(agent);
      if (!release.released) throw new Error("seat.release released nothing");
    } finally {
      free.push(agent);
    }
  });
  const l = [...result.latenciesMs, ...new Array<number>(dropped).fill(Infinity)];
  return {
    rate: options.ratePerSecond, seconds: options.seconds, sent: result.sent - dropped,
    p50: percentile(l, 50), p95: percentile(l, 95), p99: percentile(l, 99), max: Math.max(...l),
    late: result.late, lateAfterMs: options.lateAfterMs, dropped, errors: result.errors, firstError: result.firstError,
  };
}
