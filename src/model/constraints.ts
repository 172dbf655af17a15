/**
 * Combinations of parameter values under which an output is undefined. Each problem names the parameters,
 * so a scenario that cannot be computed is an error, not a silent "n/a" (docs/models.md, "Bad input").
 */
import { LOCATIONS } from './ids';

/**
 * Problems of a full set of parameter values (defaults filled in), empty when the scenario can be run.
 * @example scenarioProblems({ ...defaultValues(), 'rnd.cap.China': 0.2, 'rnd.cap.EU': 0.05 }).length // 1 (caps 20 + 5 + 40 + 30 = 95 % < 100 %)
 */
export function scenarioProblems(values: Readonly<Record<string, number>>): string[] {
  const problems: string[] = [];
  // R&D: the budget must fit under the caps of China plus the locations that take a positive weight.
  const cap = (key: string) => Math.min(1, Math.max(0, values[`rnd.cap.${key}`]));
  const others = LOCATIONS.slice(1);
  const placeable = others.filter((l) => values[`rnd.weight.${l.key}`] > 0 && cap(l.key) > 0);
  const room = cap('China') + placeable.reduce((sum, l) => sum + cap(l.key), 0);
  if (room < 1 - 1e-9) {
    const used = ['rnd.cap.China', ...placeable.map((l) => `rnd.cap.${l.key}`)];
    const zero = others.filter((l) => !(values[`rnd.weight.${l.key}`] > 0)).map((l) => `rnd.weight.${l.key}`);
    problems.push(
      `rnd: the R&D budget cannot be placed: ${used.join(' + ')} = ${(100 * room).toFixed(0)} % < 100 %` +
        (zero.length ? ` (${zero.join(', ')} = 0, so those locations take nothing)` : '') +
        '; raise a cap or a weight',
    );
  }
  if (values['rnd.cycleMinMonths'] > values['rnd.cycleBaseMonths'])
    problems.push(
      `rnd: rnd.cycleMinMonths (${values['rnd.cycleMinMonths']}) exceeds rnd.cycleBaseMonths (${values['rnd.cycleBaseMonths']}); the floor must not exceed the base`,
    );
  return problems;
}
