import * as React from 'react';
import type { DerivedMetricsProps } from './DerivedMetrics.types';

/** Units a derived metric can be shown in (the Results sheet formats its row the same way). */
export const METRIC_UNITS = [
  { id: '', label: 'Number' },
  { id: 'fraction', label: '% (a fraction, 0.25 = 25 %)' },
  { id: 'USD', label: 'USD (shown as M / bn)' },
  { id: 'vehicles', label: 'Vehicles' },
] as const;

export interface DerivedMetricsState {
  id: string;
  setId(id: string): void;
  expr: string;
  setExpr(expr: string): void;
  unit: string;
  setUnit(unit: string): void;
  error: string | null;
  blocked: string | null;
  add(): void;
}

export function useDerivedMetrics({ actions, ready }: DerivedMetricsProps): DerivedMetricsState {
  const [id, setId] = React.useState('');
  const [expr, setExpr] = React.useState('');
  const [unit, setUnit] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  return {
    id,
    setId,
    expr,
    setExpr,
    unit,
    setUnit,
    error,
    blocked: !ready ? 'The model is still loading.' : !id.trim() || !expr.trim() ? 'Give the metric an id and a formula.' : null,
    add() {
      const problem = actions.addMetric({ id: id.trim(), expr: expr.trim(), ...(unit ? { unit } : {}) });
      setError(problem);
      if (!problem) {
        setId('');
        setExpr('');
      }
    },
  };
}
