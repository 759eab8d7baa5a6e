"use client";
import { useState } from "react";
import type { LicenseChoice } from "@/lib/validation/licensing";
import type { AgentLicenseRow } from "@/server/licensing/assignments";
import { NativeSelect } from "@/components/ui/native-select";
import { LicenseDialog } from "./license-dialog";

type PoolChoice = { id: string; name: string };

const valueOf = (license: AgentLicenseRow["license"]) =>
  license.kind === "CONCURRENT" ? `pool:${license.poolId}` : license.kind;
const choiceOf = (value: string): LicenseChoice =>
  value.startsWith("pool:")
    ? { kind: "CONCURRENT", poolId: value.slice(5) }
    : value === "NAMED"
      ? { kind: "NAMED" }
      : { kind: "NONE" };

/**
 * The license column: a select showing the current license. Choosing another opens a dialog
 * that says what happens to the seat held now, so a change is never made by a slip of the wheel.
 */
export function LicenseControl({ agent, pools }: { agent: AgentLicenseRow; pools: PoolChoice[] }) {
  const [pending, setPending] = useState<LicenseChoice | null>(null);
  const current = agent.license;
  const pendingName =
    pending?.kind === "CONCURRENT" ? (pools.find((p) => p.id === pending.poolId)?.name ?? "the pool") : null;
  return (
    <>
      <NativeSelect
        aria-label={`License of ${agent.name}`}
        value={valueOf(current)}
        onChange={(e) => setPending(choiceOf(e.target.value))}
      >
        <option value="NAMED">Named seat</option>
        {current.kind === "CONCURRENT" && !pools.some((p) => p.id === current.poolId) ? (
          <option value={`pool:${current.poolId}`}>Pool: {current.poolName}</option>
        ) : null}
        {pools.map((p) => (
          <option key={p.id} value={`pool:${p.id}`}>
            Pool: {p.name}
          </option>
        ))}
        <option value="NONE">No license</option>
      </NativeSelect>
      <LicenseDialog agent={agent} choice={pending} poolName={pendingName} onClose={() => setPending(null)} />
    </>
  );
}
