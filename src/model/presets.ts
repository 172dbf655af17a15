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
    label: 'Baseline (near IEA STEPS)',
    description:
      'Parameter defaults: ceilings at the IEA STEPS 2035 shares, calibrated Bass pace, the dated tariff schedule of tariffs.csv, Valeo 30 % China cost advantage.',
    sources: [
      'IEA Global EV Outlook 2024, STEPS projections (ev_share_projections.csv)',
      'tariffs.csv (EU CVDs on BEVs only; US Section 301/232, BIS connected-vehicle rule)',
    ],
    overrides: {},
  },
  {
    id: 'accelerated',
    label: 'Accelerated reversal',
    description:
      'Cheaper China supply, faster adoption and low barriers: ceilings at the IEA APS 2035 shares, 30 % faster diffusion, UBS 35 % cost advantage, higher sourcing caps, low pass-through, lower decoupling risk.',
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
      'High tariffs on China components, local-content caps and bans: +25 % duty in Europe and North America, low sourcing caps, slower adoption with the low published ceilings, high decoupling risk and a 20 % cap on China R&D.',
    sources: [
      'US Section 301 auto-parts rate 25 % (tariffs.csv) mirrored in Europe and added again in North America (assumption)',
      'BNEF EVO 2025: US 27 %, Europe 52 % in 2030 as ceilings (ev_share_projections.csv)',
      'Rhodium Group: 40-55 % tariffs needed to deter BEV exports; full pass-through 1.0 (modelling_parameters.csv, assumption)',
      'assumption: speed multiplier 0.8, sourcing caps 0.2/0.05/0.6, decoupling probability 0.2, China R&D cap 0.2',
    ],
    overrides: {
      'nev.ceiling.Europe': 0.52,
      'nev.ceiling.UnitedStates': 0.27,
      'nev.speedMultiplier': 0.8,
      'exports.tariff.Europe': 0.25,
      'exports.tariff.NorthAmerica': 0.25,
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
