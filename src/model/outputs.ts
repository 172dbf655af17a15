/**
 * Catalogue of every year-indexed output series (id, label, unit). The order here is the order of
 * CompiledModel.outputIds and of ModelResult.series. docs/outputs.md documents the meaning of each.
 */
import { DESTINATIONS, PRODUCTS, REGIONS } from './ids';

export interface OutputMeta {
  id: string;
  label: string;
  unit: string;
}

const nev: OutputMeta[] = [
  ...REGIONS.map((r) => ({ id: `nev.share.${r.key}`, label: `NEV share of new-car sales, ${r.label}`, unit: 'fraction' })),
  ...REGIONS.map((r) => ({ id: `nev.sales.${r.key}`, label: `NEV sales, ${r.label}`, unit: 'vehicles' })),
  ...REGIONS.map((r) => ({ id: `nev.market.${r.key}`, label: `New-car market, ${r.label}`, unit: 'vehicles' })),
  { id: 'nev.sales.World', label: 'NEV sales, World (sum of the four regions)', unit: 'vehicles' },
  { id: 'nev.chinaExports', label: 'China NEV exports (CAAM sense)', unit: 'vehicles' },
  { id: 'nev.chinaShareOfGlobal.domestic', label: "China's share of global NEV sales, domestic sales (IEA sense)", unit: 'fraction' },
  { id: 'nev.chinaShareOfGlobal.chinaMade', label: "China's share of global NEV sales, China-made incl. exports (CPCA sense)", unit: 'fraction' },
];

const exportsOut: OutputMeta[] = [];
for (const k of PRODUCTS) {
  for (const d of DESTINATIONS) {
    exportsOut.push({ id: `exports.units.${k.key}.${d.key}`, label: `China exports of ${k.label} to ${d.label}`, unit: 'units' });
    exportsOut.push({ id: `exports.value.${k.key}.${d.key}`, label: `China export value of ${k.label} to ${d.label} (FOB)`, unit: 'USD' });
    exportsOut.push({ id: `exports.tariffRate.${k.key}.${d.key}`, label: `Tariff on ${k.label} from China into ${d.label}`, unit: 'fraction' });
    exportsOut.push({ id: `exports.landedCostUsd.${k.key}.${d.key}`, label: `Landed cost of a China ${k.label} in ${d.label}`, unit: 'USD per unit' });
    exportsOut.push({
      id: `exports.breakEvenTariff.${k.key}.${d.key}`,
      label: `Tariff at which a China ${k.label} costs the same as local supply in ${d.label}`,
      unit: 'fraction',
    });
  }
}
for (const d of DESTINATIONS)
  exportsOut.push({ id: `exports.chinaSupplyShare.${d.key}`, label: `China share of NEV component supply (value), ${d.label}`, unit: 'fraction' });
exportsOut.push({ id: 'exports.value.total', label: 'China export value, all products and destinations (FOB)', unit: 'USD' });

const rnd: OutputMeta[] = [
  { id: 'rnd.optimalChinaShare', label: 'NPV-optimal China share of R&D (within caps)', unit: 'fraction' },
  { id: 'rnd.cycleTimeMonths', label: 'Development cycle time at the optimum', unit: 'months' },
  { id: 'rnd.npv', label: 'NPV of the R&D footprint at the optimum', unit: 'USD m' },
  { id: 'rnd.costUsdM', label: 'Annual R&D budget spent (all locations)', unit: 'USD m per year' },
  { id: 'rnd.riskUsdM', label: 'Expected annual decoupling loss at the optimum', unit: 'USD m per year' },
  { id: 'rnd.engineers', label: 'Engineers funded at the optimum (all locations)', unit: 'engineer-years per year' },
  { id: 'rnd.engineers.China', label: 'Engineers in China at the optimum', unit: 'engineer-years per year' },
];

/** Every year-indexed output, in kernel order. */
export const OUTPUTS: readonly OutputMeta[] = [...nev, ...exportsOut, ...rnd];
export const OUTPUT_IDS_FOR_EXPRESSIONS: readonly string[] = OUTPUTS.map((o) => o.id);
export const OUTPUT_INDEX: ReadonlyMap<string, number> = new Map(OUTPUTS.map((o, i) => [o.id, i]));
