/**
 * Catalogue of every year-indexed output series (id, label, unit, group, display format, category). The order
 * here is the order of CompiledModel.outputIds and of ModelResult.series. docs/outputs.md documents each.
 * `unit` names what the value is (shares are fractions); `format` says how to show it (a fraction as %);
 * `category` and `target` say where the app shows it. Consumers read these fields, never the id's spelling.
 */
import { DESTINATIONS, PRODUCTS, REGIONS } from './ids';

export type OutputGroup = 'nev' | 'vehicles' | 'components' | 'rnd';
/** percent: a fraction shown as %; usd: money shown in M/bn USD; usdPerUnit: USD with no scaling; usdM: already USD m. */
export type OutputFormat = 'percent' | 'vehicles' | 'units' | 'usd' | 'usdPerUnit' | 'usdM' | 'months' | 'engineers';

/** result: an outcome of the model; tariff: a tariff rate or break-even tariff (the Results sheet's tariff table). */
export type OutputCategory = 'result' | 'tariff';

export interface OutputMeta {
  id: string;
  label: string;
  unit: string;
  /** The model block that computes it. */
  group: OutputGroup;
  format: OutputFormat;
  category: OutputCategory;
  /**
   * Offered as a target of the tornado and goal seek. False for the tariff rates and landed prices: they only
   * restate the scenario's inputs (the dated schedule plus the scenario's change, a price from the cost inputs).
   */
  target: boolean;
}

const o = (
  id: string,
  label: string,
  unit: string,
  group: OutputGroup,
  format: OutputFormat,
  extra: Partial<Pick<OutputMeta, 'category' | 'target'>> = {},
): OutputMeta => ({
  id,
  label,
  unit,
  group,
  format,
  category: extra.category ?? 'result',
  target: extra.target ?? true,
});
/** A tariff rate the scenario sets (schedule plus change): in the tariff table, not a target. */
const INPUT_TARIFF = { category: 'tariff', target: false } as const;

const nev: OutputMeta[] = [
  ...REGIONS.map((r) => o(`nev.share.${r.key}`, `NEV share of new-car sales, ${r.label}`, 'fraction', 'nev', 'percent')),
  ...REGIONS.map((r) => o(`nev.sales.${r.key}`, `NEV sales, ${r.label}`, 'vehicles', 'nev', 'vehicles')),
  ...REGIONS.map((r) => o(`nev.market.${r.key}`, `New-car market, ${r.label}`, 'vehicles', 'nev', 'vehicles')),
  o('nev.sales.World', 'NEV sales, World (sum of the four regions)', 'vehicles', 'nev', 'vehicles'),
  o('nev.chinaExports', 'China NEV exports (CAAM sense)', 'vehicles', 'vehicles', 'vehicles'),
  o('nev.chinaShareOfGlobal.domestic', "China's share of global NEV sales, domestic sales (IEA sense)", 'fraction', 'nev', 'percent'),
  o(
    'nev.chinaShareOfGlobal.chinaMade',
    "China's share of global NEV sales, China-made incl. exports (CPCA sense)",
    'fraction',
    'nev',
    'percent',
  ),
];

const vehicles: OutputMeta[] = [];
for (const d of DESTINATIONS) {
  vehicles.push(o(`exports.vehicles.units.${d.key}`, `China NEV exports to ${d.label}`, 'vehicles', 'vehicles', 'vehicles'));
  vehicles.push(
    o(`exports.vehicles.value.${d.key}`, `China NEV export value to ${d.label} (at the average export price)`, 'USD', 'vehicles', 'usd'),
  );
  vehicles.push(
    o(`exports.vehicles.tariffRate.${d.key}`, `Tariff on China NEVs entering ${d.label}`, 'fraction', 'vehicles', 'percent', INPUT_TARIFF),
  );
}

const components: OutputMeta[] = [];
for (const k of PRODUCTS) {
  for (const d of DESTINATIONS) {
    components.push(o(`exports.units.${k.key}.${d.key}`, `China exports of ${k.label} to ${d.label}`, 'units', 'components', 'units'));
    components.push(
      o(`exports.value.${k.key}.${d.key}`, `China export value of ${k.label} to ${d.label} (FOB)`, 'USD', 'components', 'usd'),
    );
    components.push(
      o(
        `exports.tariffRate.${k.key}.${d.key}`,
        `Tariff on ${k.label} from China into ${d.label}`,
        'fraction',
        'components',
        'percent',
        INPUT_TARIFF,
      ),
    );
    components.push(
      o(
        `exports.landedCostUsd.${k.key}.${d.key}`,
        `Price of a China ${k.label} to a buyer in ${d.label} (delivered, duty paid)`,
        'USD per unit',
        'components',
        'usdPerUnit',
        { target: false },
      ),
    );
    components.push(
      o(
        `exports.breakEvenTariff.${k.key}.${d.key}`,
        `Tariff at which a China ${k.label} costs a buyer in ${d.label} the local price`,
        'fraction',
        'components',
        'percent',
        { category: 'tariff' },
      ),
    );
  }
}
for (const d of DESTINATIONS)
  components.push(
    o(`exports.chinaSupplyShare.${d.key}`, `China share of NEV component supply (value), ${d.label}`, 'fraction', 'components', 'percent'),
  );
components.push(o('exports.value.total', 'China component export value, all products and destinations (FOB)', 'USD', 'components', 'usd'));

const rnd: OutputMeta[] = [
  o('rnd.optimalChinaShare', 'NPV-optimal China share of R&D (within caps)', 'fraction', 'rnd', 'percent'),
  o('rnd.cycleTimeMonths', 'Component development time at the optimum', 'months', 'rnd', 'months'),
  o('rnd.npv', 'NPV of the R&D footprint at the optimum', 'USD m', 'rnd', 'usdM'),
  o('rnd.costUsdM', 'Annual R&D budget spent (all locations)', 'USD m per year', 'rnd', 'usdM'),
  o('rnd.riskUsdM', 'Expected annual decoupling loss at the optimum', 'USD m per year', 'rnd', 'usdM'),
  o('rnd.engineers', 'Engineers funded at the optimum (all locations)', 'engineer-years per year', 'rnd', 'engineers'),
  o('rnd.engineers.China', 'Engineers in China at the optimum', 'engineer-years per year', 'rnd', 'engineers'),
];

/** Every year-indexed output, in kernel order. */
export const OUTPUTS: readonly OutputMeta[] = [...nev, ...vehicles, ...components, ...rnd];
export const OUTPUT_IDS_FOR_EXPRESSIONS: readonly string[] = OUTPUTS.map((m) => m.id);
export const OUTPUT_INDEX: ReadonlyMap<string, number> = new Map(OUTPUTS.map((m, i) => [m.id, i]));
export const OUTPUT_BY_ID: ReadonlyMap<string, OutputMeta> = new Map(OUTPUTS.map((m) => [m.id, m]));
/** The outputs offered as tornado and goal-seek targets. */
export const TARGET_OUTPUTS: readonly OutputMeta[] = OUTPUTS.filter((m) => m.target);
