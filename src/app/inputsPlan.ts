/**
 * The scenario's parameter values as a write plan: the Inputs sheet, one row per parameter (id, value, unit,
 * label, preset value, range, status, source) in table tblInputs, and a defined name per value cell
 * (`RL_param.nev.ceiling.China`), so a workbook formula can read the value a run used. Columns A:B are the
 * 2-column (parameter id, value) block the custom functions take as their `overrides` argument
 * (docs/functions.md), so =RLAB.SERIES("nev.share.China",,,Inputs!A1:B200) evaluates this scenario.
 */
import type { ParamMeta } from '../model/types';
import { outputIdToName } from '../workbook/address';
import type { PlanCell, WritePlan } from '../workbook/plan';
import { displayUnit } from './units';

export const INPUTS_SHEET = 'Inputs';
export const INPUTS_TABLE = 'tblInputs';

/** The defined name of a parameter's value cell, e.g. RL_param.nev.ceiling.China. */
export const paramCellName = (paramId: string): string => outputIdToName(paramId, 'RL_param.');

export interface InputsContext {
  /** Preset label and id, e.g. "Baseline (IEA STEPS)" / "baseline". */
  presetLabel: string;
  scenarioName: string;
  /** The preset's values (defaults plus its overrides), for the "Preset value" column. */
  presetValues: Readonly<Record<string, number>>;
}

/** One plan for the Inputs sheet (cleared and rewritten: the values of this run only). */
export function planScenarioInputs(params: readonly ParamMeta[], values: Readonly<Record<string, number>>, ctx: InputsContext): WritePlan {
  const header: PlanCell[] = ['Parameter id', 'Value', 'Unit', 'Parameter', 'Preset value', 'Min', 'Max', 'Status', 'Source'];
  const titleRows = 3;
  const first = titleRows + 2; // row of the first parameter (after the header)
  const rows: PlanCell[][] = params.map((p) => {
    const v = values[p.id] ?? p.default;
    if (!Number.isFinite(v)) throw new Error(`Inputs: parameter '${p.id}' has no finite value (${String(values[p.id])})`);
    return [p.id, v, displayUnit(p.unit), p.label, ctx.presetValues[p.id] ?? p.default, p.min, p.max, p.status, p.source];
  });
  const changed = params.filter((p) => values[p.id] !== undefined && values[p.id] !== (ctx.presetValues[p.id] ?? p.default)).length;
  return {
    sheets: [{ name: INPUTS_SHEET, clear: true, freeze: { rows: titleRows + 1, columns: 2 } }],
    blocks: [
      {
        sheet: INPUTS_SHEET,
        address: 'A1',
        values: [
          [`Scenario inputs: "${ctx.scenarioName}", preset ${ctx.presetLabel}; ${changed} of ${params.length} parameters differ from the preset`],
          ['Values in the unit of their row (fractions: 0.25 = 25 %). Each value cell is a defined name, e.g. RL_param.nev.ceiling.China.'],
          ['Columns A:B are the (parameter id, value) block the RLAB custom functions take as overrides (docs/functions.md).'],
        ],
        headerRows: 1,
      },
      {
        sheet: INPUTS_SHEET,
        address: `A${titleRows + 1}`,
        values: [header, ...rows],
        columns: [{ width: 38 }, { width: 12 }, { width: 18 }, { width: 56 }, { width: 12 }, { width: 10 }, { width: 10 }, { width: 14 }, { width: 60 }],
        table: { name: INPUTS_TABLE, style: 'TableStyleLight9' },
        headerRows: 1,
        names: params.map((p, i) => ({ name: paramCellName(p.id), address: `B${first + i}`, comment: `${p.label} (${p.unit})` })),
      },
    ],
  };
}

/** Two plans as one (applied atomically by the adapter): sheets and blocks in order, metadata merged. */
export function combinePlans(...plans: WritePlan[]): WritePlan {
  const metadata = plans.flatMap((p) => p.metadata ?? []);
  const activate = plans.map((p) => p.activate).filter(Boolean).pop();
  return {
    sheets: plans.flatMap((p) => p.sheets),
    blocks: plans.flatMap((p) => p.blocks),
    ...(metadata.length ? { metadata } : {}),
    ...(activate ? { activate } : {}),
  };
}
