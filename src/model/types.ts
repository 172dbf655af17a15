/**
 * Shared types of the pure simulation core. Nothing here may import from outside src/model.
 */

/** A share in [0, 1]. */
export type Share = number & { readonly __brand?: 'Share' };
/** A count of vehicles or components. */
export type Units = number & { readonly __brand?: 'Units' };
/** US dollars. */
export type Usd = number & { readonly __brand?: 'Usd' };
/** A calendar year, e.g. 2030. */
export type Year = number & { readonly __brand?: 'Year' };

/** One output series with a stable id (see docs/outputs.md). */
export interface Series {
  id: string;
  label: string;
  unit: string;
  years: number[];
  values: number[];
}

/** A uniform random stream in [0, 1). Models and samplers never call Math.random. */
export interface Rng {
  next(): number;
}

export type Distribution =
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  | { kind: 'pert'; min: number; mode: number; max: number }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'lognormal'; mu: number; sigma: number };

/** Metadata of one scenario parameter. */
export interface ParamMeta {
  id: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  step: number;
  default: number;
  /** Publisher + title (+ URL) of the value, or "assumption" with the reason. */
  source: string;
  /** Status word carried from the data: published, derived, estimate, UNVERIFIED, assumption... */
  status: string;
  group: 'nev' | 'exports' | 'rnd' | 'general';
  /**
   * "uncertain": an input the data pins only to a range; it carries a distribution, Monte Carlo samples it and
   * the tornado swings it over that distribution's P10-P90. "lever": a policy or company decision (extra tariffs,
   * a shock, a ban year, R&D caps) that a scenario sets; never sampled or swung. Default: "uncertain" when a
   * distribution is given, else "lever".
   */
  role?: 'lever' | 'uncertain';
  distribution?: Distribution;
}

/**
 * A model compiled for fast repeated evaluation (Monte Carlo, tornado, goal seek).
 * params: one value per paramIds entry; out: outputIds.length * years.length values,
 * row-major by output (out[o * years.length + y]).
 */
export interface CompiledModel {
  readonly paramIds: readonly string[];
  readonly outputIds: readonly string[];
  readonly years: readonly number[];
  evaluate(params: Float64Array, out: Float64Array): void;
  /** Optional facts about out that hold for every params (the simulator skips the work they make redundant). */
  readonly invariants?: ModelInvariants;
}

/** Cells of a compiled model's output that are the same in every evaluation, or equal to the year before. */
export interface ModelInvariants {
  /** The first fixedYears years (history) do not depend on params. */
  readonly fixedYears: number;
  /** sameAsPreviousYear[o * years.length + y] = 1: output o in year y equals year y - 1 in every evaluation. */
  readonly sameAsPreviousYear: Uint8Array;
}
