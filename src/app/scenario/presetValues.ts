/** Parameter values of a preset (defaults plus its overrides): small enough for the pane's first paint. */
import { defaultValues } from '../../model/params';
import { PRESETS, presetById } from '../../model/presets';

export function presetValues(presetId: string): Record<string, number> {
  const preset = presetById(presetId);
  if (!preset) throw new Error(`Unknown preset "${presetId}". Known: ${PRESETS.map((p) => p.id).join(', ')}.`);
  return { ...defaultValues(), ...preset.overrides };
}
