import { execFileSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";

/*
 * CPU time spent during a measurement, per process: the Node process doing the seat work (the
 * app server, or this process for the domain and bare SQL runs) and the PostgreSQL backends
 * serving the benchmark's database. Unlike cycles per second, CPU per cycle barely moves when
 * other work shares the machine, so it says where the time goes. Linux only (/proc); elsewhere
 * the figures are missing.
 */

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU of a process so far, in ms, or null when /proc cannot tell. */
export function processCpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  } catch {
    return null;
  }
}

export type CpuSpent = { nodeMs: number | null; postgresMs: number | null };

/** Starts counting; the returned function stops and gives the CPU spent meanwhile. */
export async function startCpuMeter(
  databaseUrl: string,
  nodePid: number = process.pid,
): Promise<() => Promise<CpuSpent>> {
  const backends = async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      );
      return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
    } finally {
      await client.end();
    }
  };
  const sum = (m: Map<number, number | null>) =>
    [...m.values()].reduce<number | null>((s, v) => (s === null || v === null ? null : s + v), 0);
  const node0 = processCpuMs(nodePid);
  const pg0 = await backends();
  return async () => {
    const node1 = processCpuMs(nodePid);
    const pg1 = await backends();
    // Backends that connected during the measurement started from zero.
    const before = new Map([...pg1.keys()].map((pid) => [pid, pg0.get(pid) ?? 0]));
    const pgBefore = sum(before);
    const pgAfter = sum(pg1);
    return {
      nodeMs: node0 === null || node1 === null ? null : node1 - node0,
      postgresMs: pgBefore === null || pgAfter === null ? null : pgAfter - pgBefore,
    };
  };
}
