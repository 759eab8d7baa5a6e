import { afterEach, describe, expect, it, vi } from "vitest";
import { startPeriodicJob } from "./periodic";

afterEach(() => vi.useRealTimers());

describe("startPeriodicJob", () => {
  it("never starts a run while the previous one is still going, and keeps going after a failure", async () => {
    vi.useFakeTimers();
    let runs = 0;
    let finish: () => void = () => {};
    const stop = startPeriodicJob("test job", 1, () => {
      runs += 1;
      if (runs === 1) return new Promise<void>((resolve) => (finish = resolve));
      if (runs === 2) return Promise.reject(new Error("database away"));
      return Promise.resolve();
    });
    await vi.advanceTimersByTimeAsync(3000); // three ticks while run 1 is still going
    expect(runs).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(1000); // run 2 fails
    await vi.advanceTimersByTimeAsync(1000); // run 3 still happens
    expect(runs).toBe(3);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(3);
  });
});
