/**
 * Which dated tariff steps apply to which China-made component, and the annual rate they add up to.
 * Only measures whose scope covers parts or batteries apply to components: the EU countervailing
 * duties (BEVs only), Canada's surtax, Turkiye's and Brazil's duties and Mexico's 50 % car rate are
 * vehicle measures and do not. US Section 301 semiconductor duties cover chips, not inverter modules.
 */
import type { TariffStep } from './data';
import type { ProductKey } from './ids';

interface Rule {
  pattern: RegExp;
  products: readonly ProductKey[];
}

const ALL: readonly ProductKey[] = ['edrive', 'adas', 'sbw', 'thermal', 'sic', 'battery'];

/** Keyword rules on TariffStep.scope ("measure: product scope"); a step may match several rules once. */
const COMPONENT_RULES: readonly Rule[] = [
  // Section 301 lists 1-3: "most automotive parts incl. electric motors, transmissions ..."; batteries have their own line.
  { pattern: /Section 301 Lists 1-3.*auto parts/i, products: ['edrive', 'adas', 'sbw', 'thermal', 'sic'] },
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
    const covered = Math.max(0, Math.min(end, year + 1) - Math.max(start, year));
    rate += (step.ratePct / 100) * covered;
  }
  return rate;
}
