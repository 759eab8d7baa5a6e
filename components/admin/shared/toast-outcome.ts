"use client";
import { toast } from "@/components/ui/toaster";
import { errorMessage } from "@/lib/trpc/errors";

/**
 * Mutation callbacks for an administrator's action whose answer says what it did: that sentence
 * as a toast, then `after` (refresh the lists); a refusal as an error toast.
 */
export function toastOutcome(after: () => void) {
  return {
    onSuccess: (result: { message: string }) => {
      toast.success(result.message);
      after();
    },
    onError: (error: unknown) => void toast.error(errorMessage(error)),
  };
}
