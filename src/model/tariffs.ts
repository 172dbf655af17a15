/**
 * Which dated tariff steps apply to which China-made component, and the annual rate they add up to.
 * Only measures whose scope covers parts or batteries apply to components: the EU countervailing
 * duties (BEVs only), Canada's surtax, Turkiye's and Brazil's duties and Mexico's 50 % car rate are
 * vehicle measures and do not. US Section 301 semiconductor duties cover chips, not inverter modules.
 */
import type { TariffStep } from './data';
import { PRODUCTS, type ProductKey } from './ids';

interface Rule {
  pattern: RegExp;
  products: readonly ProductKey[];
}

const ALL: readonly ProductKey[] = PRODUCTS.map((k) => k.key);
/** Every line but the battery pack (batteries have tariff lines of their own). */
const PARTS: readonly ProductKey[] = ALL.filter((k) => k !== 'battery');

/** Keyword rules on TariffStep.scope ("measure: product scope"); a step may match several rules once. */
const COMPONENT_RULES: readonly Rule[] = [
  // Section 301 lists 1-3: "most automotive parts incl. electric motors, transmissions ..."; batteries have their own line.
  { pattern: /Section 301 Lists 1-3.*auto parts/i, products: PARTS },
  // Section 232 auto parts (Annex I: powertrain parts, electrical components) - applied to every module (assumption on the Annex I coverage).
  { pattern: /Section 232.*automobile parts/i, products: ALL },
  { pattern: /Lithium-ion electric vehicle batteries/i, products: ['battery'] },
];

/** Products a tariff step applies to (empty for vehicle-only measures). */
export function productsCoveredBy(step: TariffStep): readonly ProductKey[] {
  for (const rule of COMPONENT_RULES) if (rule.pattern.test(step.scope)) return rule.products;
  return [];
}

const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** "2024-10-30" -> 2024.827 (fraction of the year elapsed); "2025-03" -> start of March. */
export function dateToYearFraction(date: string): number {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date.trim());
  if (!match) throw new Error(`tariff date '${date}' is not YYYY[-MM[-DD]]`);
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : 1;
  const day = match[3] ? Number(match[3]) : 1;
  return year + (CUMULATIVE_DAYS[month - 1] + day - 1) / 365;
}

/**
 * Time-weighted ad valorem rate (fraction) of all steps covering `product` into `destination`
 * during calendar year `year`; additive steps add up (e.g. Section 301 + Section 232).
 * @example annualComponentTariff(steps, 'edrive', 'North America', 2026) // 0.5 (301 lists 25 % + 232 parts 25 %)
 */
export function annualComponentTariff(
  steps: readonly TariffStep[],
  product: ProductKey,
  destination: TariffStep['destination'],
  year: number,
): number {
  let rate = 0;
  for (const step of steps) {
    if (step.destination !== destination || !productsCoveredBy(step).includes(product)) continue;
    const start = dateToYearFraction(step.effectiveDate);
    const end = step.endDate ? dateToYearFraction(step.endDate) : Infinity;
    rate += (step.ratePct / 100) * coveredShare(start, end, year);
    // A raised rate (e.g. Section 301 on Li-ion EV batteries, 7.5 % -> 25 % on 2024-09-27) applied before at its previous level.
    if (step.previousRatePct !== undefined) rate += (step.previousRatePct / 100) * coveredShare(-Infinity, start, year);
  }
  return rate;
}

/** Time-weighted share of calendar year `year` covered by [start, end). */
function coveredShare(start: number, end: number, year: number): number {
  return Math.max(0, Math.min(end, year + 1) - Math.max(start, year));
}

/**
 * Ad valorem tariff (fraction) on a China-made NEV entering `destination` in calendar year `year`, time-weighted,
 * from the dated vehicle measures of tariffs.csv:
 * - Europe: the MFN rate the EU countervailing duties stack on (10 %) plus the CVD, which applies to battery EVs
 *   only: the simple mean of the company rates in force (the data has no exporter weights) times `bevShare`;
 * - North America (United States demand): Section 301 on EVs (100 % from 2024-09-27, 25 % before: the
 *   row's previous rate) plus its base MFN (2.5 %), plus Section 232 on imported automobiles (25 % from 2025-04-03);
 * - Rest of world: 0 (an aggregate of many markets; Brazil's, Turkiye's and Mexico's measures cover parts of it).
 * @example annualVehicleTariff(steps, 'North America', 2026, 0.667) // 1.275
 */
export function annualVehicleTariff(
  steps: readonly TariffStep[],
  destination: TariffStep['destination'],
  year: number,
  bevShare: number,
): number {
  if (destination === 'Europe') {
    const cvd = steps.filter((s) => s.destination === 'Europe' && /countervailing duty on BEVs/i.test(s.scope));
    const mfn = cvd.find((s) => s.baseMfnPct !== undefined)?.baseMfnPct ?? 0;
    // Group the company rates by measure period; each period contributes its mean rate over the days it covers.
    const periods = new Map<string, TariffStep[]>();
    for (const s of cvd)
      periods.set(`${s.effectiveDate}|${s.endDate ?? ''}`, [...(periods.get(`${s.effectiveDate}|${s.endDate ?? ''}`) ?? []), s]);
    let rate = mfn / 100;
    for (const group of periods.values()) {
      const mean = group.reduce((sum, s) => sum + s.ratePct, 0) / group.length / 100;
      const start = dateToYearFraction(group[0].effectiveDate);
      const end = group[0].endDate ? dateToYearFraction(group[0].endDate) : Infinity;
      rate += bevShare * mean * coveredShare(start, end, year);
    }
    return rate;
  }
  if (destination === 'North America') {
    let rate = 0;
    for (const s of steps) {
      if (s.jurisdiction !== 'United States') continue;
      const start = dateToYearFraction(s.effectiveDate);
      if (/Section 301/i.test(s.scope) && /: Electric vehicles$/i.test(s.scope)) {
        const before = (s.previousRatePct ?? 0) / 100;
        const covered = coveredShare(start, Infinity, year);
        rate += (s.baseMfnPct ?? 0) / 100 + (s.ratePct / 100) * covered + before * (1 - covered);
      } else if (/Section 232 tariff on imported automobiles/i.test(s.scope))
        rate += (s.ratePct / 100) * coveredShare(start, Infinity, year);
    }
    return rate;
  }
  return 0;
}
