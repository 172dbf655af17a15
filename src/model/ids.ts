/** Stable keys of regions, products, destinations and R&D locations used in parameter and output ids. */

/** NEV regions: id key (used in ids, no spaces) and the region name in nev_sales_by_region.csv. */
export const REGIONS = [
  { key: 'China', name: 'China', label: 'China' },
  { key: 'Europe', name: 'Europe', label: 'Europe' },
  { key: 'UnitedStates', name: 'United States', label: 'United States' },
  { key: 'RestOfWorld', name: 'Rest of world (derived)', label: 'Rest of world' },
] as const;
export type RegionKey = (typeof REGIONS)[number]['key'];

/** Export destinations; `region` is the NEV region whose sales drive demand there. */
export const DESTINATIONS = [
  { key: 'Europe', name: 'Europe', label: 'Europe', region: 1 },
  // The history has no Canada/Mexico split, so North American demand is United States NEV sales.
  { key: 'NorthAmerica', name: 'North America', label: 'North America', region: 2 },
  { key: 'RestOfWorld', name: 'Rest of world', label: 'Rest of world', region: 3 },
] as const;
export type DestinationKey = (typeof DESTINATIONS)[number]['key'];

export const PRODUCTS = [
  { key: 'edrive', label: '3-in-1 e-drive' },
  { key: 'adas', label: 'ADAS domain controller' },
  { key: 'sbw', label: 'Steer-by-wire system' },
  { key: 'thermal', label: 'Thermal-management module' },
  { key: 'sic', label: '800 V SiC inverter' },
  { key: 'battery', label: 'Battery pack' },
] as const;
export type ProductKey = (typeof PRODUCTS)[number]['key'];

export const LOCATIONS = [
  { key: 'China', label: 'China' },
  { key: 'EU', label: 'Germany/EU' },
  { key: 'US', label: 'United States' },
  { key: 'India', label: 'India' },
] as const;
export type LocationKey = (typeof LOCATIONS)[number]['key'];
