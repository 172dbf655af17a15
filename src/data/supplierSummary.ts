/**
 * Wide supplier summary: one row per company built from the long fact table (one sourced fact a
 * row). Each attribute becomes a column whose cell reads "90.5 EUR bn (FY2024) [verified]", so the
 * status label stays visible next to every figure; nothing is added that the facts do not hold.
 */
import { statusLabel } from './status';
import type { DataRecord } from './types';

export interface SupplierSummary {
  /** company, hq_country, company_type, fact counts, then one column per attribute (first-seen order). */
  columns: string[];
  rows: DataRecord[];
}

function formatFact(fact: DataRecord): string {
  const num = fact.value_num;
  const unit = fact.value_unit ? ` ${fact.value_unit}` : '';
  const main = typeof num === 'number' ? `${num}${unit}` : String(fact.value_text ?? 'n/a');
  const asOf = fact.as_of ? ` (${fact.as_of})` : '';
  const label = statusLabel(String(fact.verification_status ?? ''), { kind: 'suppliers' });
  return `${main}${asOf}${label ? ` [${label}]` : ''}`;
}

/** Pivots supplier facts into one row per company. */
export function buildSupplierSummary(facts: DataRecord[]): SupplierSummary {
  const attributes: string[] = [];
  const byCompany = new Map<string, DataRecord[]>();
  for (const fact of facts) {
    const attribute = String(fact.attribute);
    if (!attributes.includes(attribute)) attributes.push(attribute);
    const company = String(fact.company);
    const list = byCompany.get(company) ?? [];
    list.push(fact);
    byCompany.set(company, list);
  }
  const rows: DataRecord[] = [];
  for (const [company, list] of byCompany) {
    const labels = list.map((f) => statusLabel(String(f.verification_status ?? ''), { kind: 'suppliers' }));
    const row: DataRecord = {
      company,
      hq_country: list[0].hq_country ?? null,
      company_type: list[0].company_type ?? null,
      fact_count: list.length,
      verified_facts: labels.filter((l) => l === 'verified' || l === 'published').length,
      per_article_facts: labels.filter((l) => l === 'per article').length,
    };
    for (const attribute of attributes) {
      // Several facts for one attribute (e.g. different years) are joined in file order.
      const cells = list.filter((f) => f.attribute === attribute).map(formatFact);
      row[attribute] = cells.length > 0 ? cells.join('; ') : null;
    }
    rows.push(row);
  }
  return {
    columns: ['company', 'hq_country', 'company_type', 'fact_count', 'verified_facts', 'per_article_facts', ...attributes],
    rows,
  };
}
