/**
 * Scenario presets: overrides on top of the parameter defaults. Every override cites a data row or
 * is labelled an assumption in `sources` (docs/models.md repeats them with the reasoning).
 */
export interface Preset {
  id: 'baseline' | 'accelerated' | 'fortress' | string;
  label: string;
  description: string;
  sources: string[];
  overrides: Record<string, number>;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'baseline',
    label: 'Baseline (observed pace, STEPS 2035 ceilings)',
    description:
      'Parameter defaults: each region continues its observed 2015-2025 pace towards a ceiling at the IEA STEPS 2035 share; the dated tariff schedule of tariffs.csv; Valeo 30 % China cost advantage. NEV share 2030 against IEA STEPS 2030 (GEVO 2024): China 77 % vs 68 % (GEVO 2025 STEPS: about 80 %), Europe 54 % vs 60 %, Rest of world 14 % vs 14 %, United States 12 % vs 55 % (STEPS predates the 2025 US policy change; BNEF EVO 2025: 27 %). It is not the STEPS path: it follows the history.',
    sources: [
      'IEA Global EV Outlook 2024, STEPS 2035 shares as ceilings (ev_share_projections.csv)',
      'tariffs.csv (EU MFN and CVDs on BEVs; US Section 301/232; BIS connected-vehicle rule)',
    ],
    overrides: {},
  },
  {
    id: 'accelerated',
    label: 'Accelerated reversal',
    description:
      'Cheaper China supply, faster adoption and low barriers: ceilings at the IEA APS 2035 shares, a 30 % faster diffusion pull, UBS 35 % cost advantage, higher sourcing caps, low pass-through, lower decoupling risk, a higher cap on China R&D.',
    sources: [
      'IEA GEVO 2024 APS 2035: Europe 92 %, United States 71 %, Rest of world 46 % (ev_share_projections.csv); China 95 % is an assumption above APS 85 % (IEA GEVO 2025 already sees about 80 % by 2030)',
      'UBS via Mobiwisy: BYD Seal vs VW ID.3 35 % lower cost (modelling_parameters.csv)',
      'assumption: speed multiplier 1.3, sourcing caps 0.8/0.6/0.95, pass-through 0.3, decoupling probability 0.02',
    ],
    overrides: {
      'nev.ceiling.China': 0.95,
      'nev.ceiling.Europe': 0.92,
      'nev.ceiling.UnitedStates': 0.71,
      'nev.ceiling.RestOfWorld': 0.46,
      'nev.speedMultiplier': 1.3,
      'exports.costAdvantage': 0.35,
      'exports.sigmaMax.Europe': 0.8,
      'exports.sigmaMax.NorthAmerica': 0.6,
      'exports.sigmaMax.RestOfWorld': 0.95,
      'exports.passThrough': 0.3,
      'rnd.decouplingProbability': 0.02,
      'rnd.cap.China': 0.8,
    },
  },
  {
    id: 'fortress',
    label: 'Fortress / decoupling',
    description:
      'High tariffs on China components and vehicles, local-content caps and bans: +25 % duty on components in Europe and North America and +25 % on China-made NEVs entering Europe, low sourcing caps, slower adoption with the low published ceilings, full pass-through, high decoupling risk and a 20 % cap on China R&D.',
    sources: [
      'US Section 301 auto-parts rate 25 % (tariffs.csv) mirrored in Europe and added again in North America (assumption)',
      'Rhodium Group: 40-55 % tariffs needed to deter BEV exports (modelling_parameters.csv): +25 % on top of the EU CVDs reaches that range',
      'BNEF EVO 2025: US 27 %, Europe 52 % in 2030 as ceilings (ev_share_projections.csv)',
      'assumption: speed multiplier 0.8, sourcing caps 0.2/0.05/0.6, pass-through 1.0, decoupling probability 0.2, China R&D cap 0.2',
    ],
    overrides: {
      'nev.ceiling.Europe': 0.52,
      'nev.ceiling.UnitedStates': 0.27,
      'nev.speedMultiplier': 0.8,
      'exports.tariff.Europe': 0.25,
      'exports.tariff.NorthAmerica': 0.25,
      'exports.vehicleTariff.Europe': 0.25,
      'exports.sigmaMax.Europe': 0.2,
      'exports.sigmaMax.NorthAmerica': 0.05,
      'exports.sigmaMax.RestOfWorld': 0.6,
      'exports.passThrough': 1,
      'rnd.decouplingProbability': 0.2,
      'rnd.cap.China': 0.2,
    },
  },
];

/** A preset by id, or undefined. @example presetById('fortress')?.overrides['exports.tariff.Europe'] // 0.25 */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}
