import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildWishes, parseFloat64Hex } from "./demand";

describe("buildWishes", () => {
  it("lists every agent's wishes sorted by start, then end, then agent (as a plain sort does)", () => {
    const agentWishes = fc
      .uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 8 })
      .chain((starts) =>
        fc.tuple(
          fc.constant([...starts].sort((a, b) => a - b)),
          fc.array(fc.integer({ min: 0, max: 5 }), { minLength: starts.length, maxLength: starts.length }),
        ),
      )
      .map(([starts, lengths]) => starts.flatMap((s, i) => [s, s + lengths[i]!]));
    fc.assert(
      fc.property(fc.array(agentWishes, { maxLength: 12 }), (perAgent) => {
        const expected = perAgent
          .flatMap((w, agent) =>
            Array.from({ length: w.length / 2 }, (_, i) => ({ s: w[2 * i]!, e: w[2 * i + 1]!, agent })),
          )
          .sort((x, y) => x.s - y.s || x.e - y.e || x.agent - y.agent);
        const wishes = buildWishes(perAgent);
        expect(Array.from(wishes.starts)).toEqual(expected.map((w) => w.s));
        expect(Array.from(wishes.ends)).toEqual(expected.map((w) => w.e));
        expect(Array.from(wishes.agent)).toEqual(expected.map((w) => w.agent));
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });
});

describe("parseFloat64Hex", () => {
  it("reads big-endian float8s as PostgreSQL's float8send writes them, bit for bit", () => {
    const values = [0, 1.5, 31_535_999.999, -86_400.001, 0.1 + 0.2];
    const hex = values
      .map((v) =>
        Buffer.from(new Float64Array([v]).buffer)
          .reverse()
          .toString("hex"),
      )
      .join("");
    expect(Array.from(parseFloat64Hex(hex))).toEqual(values);
    expect(Array.from(parseFloat64Hex(null))).toEqual([]);
  });
});
