"use client";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CardHeader, CardTitle } from "@/components/ui/card";

/** The head of a card for something that can be switched off and on: name, state badges, details, the switch. */
export function SwitchableCardHeader({
  name,
  badges,
  details,
  switchLabel,
  pending,
  onSwitch,
}: {
  name: string;
  badges: ReactNode;
  details: ReactNode;
  switchLabel: string;
  pending: boolean;
  onSwitch: () => void;
}) {
  return (
    <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
      <div>
        <CardTitle className="flex items-center gap-2">
          {name}
          {badges}
        </CardTitle>
        <p className="break-all text-sm text-muted-foreground">{details}</p>
      </div>
      <Button variant="outline" size="sm" disabled={pending} onClick={onSwitch}>
        {switchLabel}
      </Button>
    </CardHeader>
  );
}
