import "server-only";
import loadHighs from "highs";
import { setFlagsFromString } from "node:v8";

/*
 * The seat mix as an integer program, solved by HiGHS (the `highs` package: the solver of the
 * University of Edinburgh compiled to WebAssembly, exact branch and bound with cuts).
 *
 *   minimize   namedPrice × Σ x_a + concurrentPrice × c
 *   subject to c + Σ_{a ∈ S} x_a ≥ |S|            for each moment S added (agents in progress)
 *              x_a ∈ {0, 1} (agent a named), c ≥ 0 integer (concurrent seats)
 *
 * With a refusal budget R (the "share refused" level), each segment s (moments.ts) may go over
 * the seats by e_s, an integer ≥ 0, as long as the excesses add up to at most R (a segment that
 * goes e over refuses at least e attempts, see momentsOver):
 *   c + Σ_{a ∈ S} x_a + e_s ≥ |S|   for each moment S of segment s,   Σ e_s ≤ R
 *
 * The prices are divided by their greatest common divisor, so every mix costs a whole number of
 * units: HiGHS may stop once its best mix is less than one unit above its proven bound (that mix
 * is then the cheapest), and the bound it proves, rounded up to a whole unit, is a true lower
 * bound even when a time limit stops it early.
 *
 * Ties in cost go to fewer named seats (more flexibility, as the replay-checked searches do): the
 * objective is cost × K + Σ x_a with K = agents + 1 (the named count can never outweigh one unit
 * of cost), as long as that stays far from the precision of the solver's doubles (else plain cost).
 */

type Highs = Awaited<ReturnType<typeof loadHighs>>;

let loading: Promise<Highs> | null = null;

/**
 * The solver, loaded once per process (its WebAssembly module is read from node_modules/highs/build).
 * It is compiled by V8's baseline compiler only (Liftoff), never tiered up to the optimizing one:
 * tiering up HiGHS's hot functions cost about 1.8 s of CPU in each new process (measured on the
 * benchmark's year: 3.0 s of CPU for the first no-refusal run against 1.2 s), more than the
 * optimizer's whole solve, while the baseline code solves the same programs only about a third
 * slower (0.9 s against 0.65 s once warm). The optimizer runs now and then, so the baseline wins.
 * The flag is V8's, process-wide, and read when a module is compiled: it is set for this one
 * compilation and put back when it is done, so other WebAssembly compiled later (or before) keeps
 * the usual tiering (one compiled in the same instant would only run its baseline code: slower,
 * not wrong).
 */
export function loadSolver(): Promise<Highs> {
  if (!loading) {
    setFlagsFromString("--liftoff-only");
    loading = loadHighs()
      .finally(() => setFlagsFromString("--no-liftoff-only"))
      .catch((error: unknown) => {
        loading = null;
        throw error;
      });
  }
  return loading;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export type ProgramSolution = {
  named: Uint8Array;
  seats: number;
  /** Cost of this mix, in cents. */
  cost: number;
  /** No mix meeting the program's moments costs less than this, in cents (proven). */
  lowerBound: number;
  /** The solver proved `cost` the cheapest for the moments added. */
  optimal: boolean;
};

export class SeatProgram {
  private readonly model: ReturnType<Highs["createModel"]>;
  private readonly unit: number;
  /** K above: one unit of cost outweighs any number of named seats. */
  private readonly tieWeight: number;
  private columns: number;
  private rows = 0;
  private budgetRow = -1;
  /** Column of each segment's excess e_s, made when its first moment is added. */
  private readonly excessColumn = new Map<number, number>();

  constructor(
    private readonly highs: Highs,
    private readonly agents: number,
    private readonly namedPrice: number,
    private readonly concurrentPrice: number,
    /** With a refusal budget, the segments' excesses may add up to this much. */
    refusalBudget: number | null,
    /**
     * Solve the linear relaxation only (x_a, c, e_s fractional): a weaker bound, found in a
     * fraction of the time; the mix returned is then the relaxation's, rounded (a candidate only).
     */
    private readonly linear = false,
  ) {
    this.unit = Math.max(1, gcd(namedPrice, concurrentPrice));
    this.model = highs.createModel();
    this.model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.999 });
    if (linear) this.model.options.set("solve_relaxation", true);
    const n = agents + 1;
    const upper = new Float64Array(n).fill(1);
    upper[agents] = agents + 1e6;
    this.model.addVars(new Float64Array(n), upper);
    const largestCost = ((namedPrice + concurrentPrice) / this.unit) * (agents + 1);
    this.tieWeight = largestCost * (agents + 1) < 2 ** 31 ? agents + 1 : 1;
    const costs = new Float64Array(n).fill((namedPrice / this.unit) * this.tieWeight + (this.tieWeight > 1 ? 1 : 0));
    costs[agents] = (concurrentPrice / this.unit) * this.tieWeight;
    this.model.changeColsCost({ kind: "range", from: 0, to: agents }, costs);
    this.model.changeColsIntegrality({ kind: "range", from: 0, to: agents }, new Int32Array(n).fill(1));
    this.columns = n;
    if (refusalBudget !== null) {
      this.model.addRow(-Infinity, refusalBudget, { indices: [], values: [] });
      this.budgetRow = this.rows++;
    }
  }

  get momentCount(): number {
    return this.rows - (this.budgetRow >= 0 ? 1 : 0);
  }

  /** Adds the constraint of one moment: its agents in progress (and, with a budget, its segment). */
  addMoment(agentsInProgress: Int32Array, segment: number): void {
    const indices: number[] = [this.agents];
    const values: number[] = [1];
    for (const a of agentsInProgress) {
      indices.push(a);
      values.push(1);
    }
    if (this.budgetRow >= 0) {
      let e = this.excessColumn.get(segment);
      if (e === undefined) {
        this.model.addVar(0, this.agents);
        e = this.columns++;
        // (The linear relaxation ignores integrality: one call to the solver fewer per segment.)
        if (!this.linear) this.model.changeColIntegrality(e, 1);
        this.model.changeCoefficient(this.budgetRow, e, 1);
        this.excessColumn.set(segment, e);
      }
      indices.push(e);
      values.push(1);
    }
    this.model.addRow(agentsInProgress.length, Infinity, { indices, values });
    this.rows++;
  }

  /**
   * Solves the program as it stands. `solution` is null when the solver found no mix in time;
   * `lowerBound` (cents) is what it proved however far it got.
   */
  solve(timeLimitSeconds: number): { solution: ProgramSolution | null; lowerBound: number } {
    this.model.options.set("time_limit", Math.max(0.01, timeLimitSeconds));
    this.model.run();
    const status = this.model.getModelStatus();
    const codes = this.highs.constants.modelStatus;
    const optimal = status === codes.optimal;
    const bound = this.linear
      ? optimal
        ? this.model.getObjectiveValue()
        : 0
      : Number(this.model.info.get("mip_dual_bound"));
    const boundUnits = Number.isFinite(bound) ? Math.max(0, Math.ceil(bound - 1e-6 * Math.max(1, Math.abs(bound)))) : 0;
    // The objective is cost × K + named: cost ≥ floor(bound / K) units (named < K).
    let lowerBound = Math.floor(boundUnits / this.tieWeight) * this.unit;
    const usable =
      optimal || (!this.linear && (status === codes.timeLimit || status === codes.interrupted) && this.hasMix());
    if (!usable) return { solution: null, lowerBound: optimal || status === codes.timeLimit ? lowerBound : 0 };
    const values = this.model.getSolution().colValue;
    const named = new Uint8Array(this.agents);
    let namedCount = 0;
    for (let a = 0; a < this.agents; a++) {
      named[a] = values[a]! > 0.5 ? 1 : 0;
      namedCount += named[a]!;
    }
    const seats = this.linear ? Math.ceil(values[this.agents]! - 1e-6) : Math.round(values[this.agents]!);
    const cost = namedCount * this.namedPrice + seats * this.concurrentPrice;
    if (this.linear) return { solution: { named, seats, cost, lowerBound, optimal: false }, lowerBound };
    lowerBound = Math.min(cost, lowerBound);
    return { solution: { named, seats, cost, lowerBound, optimal }, lowerBound };
  }

  /** Whether a time-limited run found a mix at all. */
  private hasMix(): boolean {
    return this.model.info.get("primal_solution_status") === this.highs.constants.solutionStatus.feasible;
  }

  dispose(): void {
    this.model.dispose();
  }
}
