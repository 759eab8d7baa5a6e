import { describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import type { UseFormReturn } from "react-hook-form";
import type { AppRouter } from "@/server/routers/_app";
import { applyServerErrors } from "./errors";

type Form = { named: string; concurrent: string };

/** A refusal as the client receives it: the error formatter's fieldErrors in `data`. */
function refusal(message: string, fieldErrors: Record<string, string[]>) {
  return new TRPCClientError<AppRouter>(message, {
    result: {
      error: {
        code: -32600,
        message,
        data: {
          code: "BAD_REQUEST",
          httpStatus: 400,
          path: "adminSeatPrices.set",
          requestId: "test",
          details: null,
          fieldErrors,
        },
      },
    },
  });
}

function recordingForm() {
  const calls: { field: string; message: string; focus: boolean }[] = [];
  const form = {
    setError: (field: string, error: { message: string }, options?: { shouldFocus?: boolean }) =>
      calls.push({ field, message: error.message, focus: Boolean(options?.shouldFocus) }),
  } as unknown as UseFormReturn<Form>;
  return { form, calls };
}

describe("applyServerErrors", () => {
  it("puts each message beside its field, focusing the first, and leaves no form-level message", () => {
    const { form, calls } = recordingForm();
    const error = refusal("Check the prices", { named: ["Enter a price"], concurrent: ["Too high"] });
    expect(applyServerErrors(form, error, ["named", "concurrent"])).toBeNull();
    expect(calls).toEqual([
      { field: "named", message: "Enter a price", focus: true },
      { field: "concurrent", message: "Too high", focus: false },
    ]);
  });

  it("maps the server's field names to the form's own", () => {
    const { form, calls } = recordingForm();
    const names: Record<string, keyof Form> = { namedSeatMonthlyCents: "named" };
    const error = refusal("Check the prices", {
      namedSeatMonthlyCents: ["A price cannot be negative"],
      somethingElse: ["ignored"],
    });
    expect(applyServerErrors(form, error, (serverField) => names[serverField])).toBeNull();
    expect(calls).toEqual([{ field: "named", message: "A price cannot be negative", focus: true }]);
  });

  it("returns the message for the form when no field of the form is named", () => {
    const { form, calls } = recordingForm();
    expect(applyServerErrors(form, refusal("Seat prices were changed by someone else", {}), ["named"])).toBe(
      "Seat prices were changed by someone else",
    );
    expect(calls).toEqual([]);
  });
});
