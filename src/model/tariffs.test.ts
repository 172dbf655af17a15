import { describe, expect, it } from 'vitest';
import { REFERENCE_DATA } from '../../tests/helpers/referenceData';
import { annualComponentTariff, annualVehicleTariff, dateToYearFraction, productsCoveredBy } from './tariffs';
import { assertClose } from '../../tests/helpers/tolerance';

const steps = REFERENCE_DATA.tariffs;

describe('component tariff schedule', () => {
  it('converts dates to year fractions', () => {
    assertClose(dateToYearFraction('2025-05-03'), 2025 + (120 + 2) / 365);
    assertClose(dateToYearFraction('2026-01'), 2026);
  });

  it('weights a step by the part of the year it is in force (232 parts from 2025-05-03)', () => {
    const inForce = 1 - (120 + 2) / 365;
    assertClose(annualComponentTariff(steps, 'edrive', 'North America', 2025), 0.25 + 0.25 * inForce);
    assertClose(annualComponentTariff(steps, 'edrive', 'North America', 2018), 0.25 * (1 - (181 + 5) / 365));
    expect(annualComponentTariff(steps, 'edrive', 'North America', 2017)).toBe(0);
  });

  it('applies the Li-ion EV battery line to battery packs only', () => {
    const from = 1 - (243 + 26) / 365; // 2024-09-27
    // 7.5 % (the row's previous rate, List 4A) until 2024-09-27, 25 % after.
    assertClose(annualComponentTariff(steps, 'battery', 'North America', 2024), 0.25 * from + 0.075 * (1 - from));
    assertClose(annualComponentTariff(steps, 'battery', 'North America', 2023), 0.075);
    assertClose(annualComponentTariff(steps, 'battery', 'North America', 2030), 0.5);
  });

  it('builds the vehicle tariff: EU MFN + mean company CVD x BEV share; US 301 (25 % then 100 %) + MFN 2.5 % + 232 autos', () => {
    const cvdMean = (17 + 18.8 + 35.3 + 7.8 + 20.7 + 35.3) / 6 / 100;
    assertClose(annualVehicleTariff(steps, 'Europe', 2026, 0.667), 0.1 + 0.667 * cvdMean);
    assertClose(annualVehicleTariff(steps, 'Europe', 2023, 0.667), 0.1);
    assertClose(annualVehicleTariff(steps, 'North America', 2026, 0.667), 1.275);
    assertClose(annualVehicleTariff(steps, 'North America', 2023, 0.667), 0.275);
    expect(annualVehicleTariff(steps, 'Rest of world', 2026, 0.667)).toBe(0);
  });

  it('does not apply EU BEV duties or other vehicle measures to components', () => {
    const eu = steps.filter((s) => s.destination === 'Europe');
    expect(eu.length).toBeGreaterThan(5);
    for (const s of eu) expect(productsCoveredBy(s)).toEqual([]);
    expect(annualComponentTariff(steps, 'battery', 'Europe', 2026)).toBe(0);
    expect(annualComponentTariff(steps, 'edrive', 'Rest of world', 2027)).toBe(0);
  });
});
