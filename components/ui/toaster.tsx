"use client";
import { Toaster as Sonner } from "sonner";

/** Toasts for results ("Saved", "Seat released"); announced to screen readers by sonner. */
export function Toaster() {
  return <Sonner position="bottom-right" richColors closeButton />;
}
export { toast } from "sonner";
