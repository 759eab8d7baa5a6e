import { performance } from "node:perf_hooks";
import { startCpuMeter, type CpuSpent } from "./cpu";

/*
 * The two shapes of load. Closed loop: N clients, each starting its next cycle when the last one
 * finished (measures the ceiling). Open loop: requests fired on a fixed schedule whether or not
 * earlier ones finished (measures latency as a visitor would see it, without the coordinated
 * omission a closed loop hides: latency counts from the scheduled time, not the actual send).
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type ClosedLoopResult = {
  clients: number;
  cycles: number;
  seconds: number;
  perSecond: number;
  errors: number;
  firstError: string | null;
  cpuPerCycle: CpuSpent | null;
};

type ClosedLoopOptions = { warmupMs: number; measureMs: number; cpu?: { databaseUrl: string; nodePid?: number } };

export async function runClosedLoop(
  clients: number,
  cycle: (client: number) => Promise<void>,
  options: ClosedLoopOptions,
): Promise<ClosedLoopResult> {
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.measureMs;
  let cycles = 0;
  let errors = 0;
  let firstError: string | null = null;
  // CPU is counted over the measured window only (started and stopped by timers).
  const cpu = options.cpu;
  const spent = cpu
    ? new Promise<CpuSpent>((resolve, reject) => {
        setTimeout(async () => {
          try {
            const stop = await startCpuMeter(cpu.databaseUrl, cpu.nodePid);
            setTimeout(() => stop().then(resolve, reject), Math.max(0, end - performance.now()));
          } catch (error) {
            reject(error);
          }
        }, options.warmupMs);
      })
    : null;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < end) {
        try {
          await cycle(client);
          const done = performance.now();
          if (done >= measureFrom && done <= end) cycles++;
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const seconds = options.measureMs / 1000;
  const used = spent ? await spent : null;
  const perCycle = (ms: number | null) => (ms === null || cycles === 0 ? null : ms / cycles);
  const cpuPerCycle = used ? { nodeMs: perCycle(used.nodeMs), postgresMs: perCycle(used.postgresMs) } : null;
  return { clients, cycles, seconds, perSecond: cycles / seconds, errors, firstError, cpuPerCycle };
}

export type OpenLoopResult = {
  sent: number;
  latenciesMs: number[];
  late: number;
  errors: number;
  firstError: string | null;
  maxLagMs: number;
};

/**
 * Fires `ratePerSecond` tasks for `durationMs`. Each task calls `measured()` when the part being
 * measured is done (it may go on, e.g. to release the seat, outside the measured time). A task
 * is late when it starts more than `lateAfterMs` behind its schedule.
 */
export async function runOpenLoop(
  options: { ratePerSecond: number; durationMs: number; lateAfterMs: number },
  task: (measured: () => void) => Promise<void>,
): Promise<OpenLoopResult> {
  const interval = 1000 / options.ratePerSecond;
  const total = Math.round((options.durationMs / 1000) * options.ratePerSecond);
  const start = performance.now() + 20;
  const latenciesMs: number[] = [];
  const running: Promise<void>[] = [];
  let late = 0;
  let maxLagMs = 0;
  let errors = 0;
  let firstError: string | null = null;
  let i = 0;
  while (i < total) {
    const wait = start + i * interval - performance.now();
    if (wait > 1) await sleep(wait - 0.5);
    while (i < total && start + i * interval <= performance.now()) {
      const scheduled = start + i * interval;
      const lag = performance.now() - scheduled;
      maxLagMs = Math.max(maxLagMs, lag);
      if (lag > options.lateAfterMs) late++;
      let recorded = false;
      const measured = () => {
        if (!recorded) latenciesMs.push(performance.now() - scheduled);
        recorded = true;
      };
      running.push(
        task(measured).catch((error: unknown) => {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }),
      );
      i++;
    }
  }
  await Promise.all(running);
  return { sent: total, latenciesMs, late, errors, firstError, maxLagMs };
}

/** Nearest-rank percentile of the values (ms). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
