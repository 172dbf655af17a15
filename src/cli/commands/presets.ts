/**
 * `reversal-lab presets [--json out.json]`: lists the scenario presets, their overrides (with the
 * parameter's default and unit) and their sources. JSON format in docs/cli.md.
 */
import { paramById } from '../../model/params';
import { PRESETS } from '../../model/presets';
import type { CliCommand } from '../types';

const usage = [
  'Usage: reversal-lab presets [--json out.json]',
  '',
  'Lists the scenario presets (baseline, accelerated, fortress) with every parameter they override',
  '(value, default, unit) and the sources behind them.',
  '',
  '  --json <path>   write the presets as JSON (format reversal-lab/presets@1, see docs/cli.md)',
].join('\n');

export const presetsCommand: CliCommand = {
  name: 'presets',
  summary: 'list the scenario presets and their parameter overrides',
  usage,
  async run(args, io) {
    let json: string | undefined;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--json' && args[i + 1] && !args[i + 1].startsWith('--')) json = args[++i];
      else {
        io.err(`reversal-lab presets: ${args[i] === '--json' ? '--json needs a value' : `unknown argument "${args[i]}"`}\n\n${usage}\n`);
        return 2;
      }
    }
    const presets = PRESETS.map((p) => ({
      id: p.id,
      label: p.label,
      description: p.description,
      sources: p.sources,
      overrides: Object.entries(p.overrides).map(([id, value]) => {
        const meta = paramById(id)!;
        return { id, label: meta.label, unit: meta.unit, value, default: meta.default };
      }),
    }));
    const lines: string[] = [];
    for (const p of presets) {
      lines.push(`${p.id}: ${p.label}`, `  ${p.description}`);
      if (p.overrides.length === 0) lines.push('  (no overrides: parameter defaults)');
      for (const o of p.overrides) lines.push(`  ${o.id.padEnd(34)} ${String(o.value).padStart(6)}  (default ${o.default}; ${o.unit})`);
      for (const s of p.sources) lines.push(`  source: ${s}`);
      lines.push('');
    }
    io.out(lines.join('\n'));
    if (json) {
      await io.writeFile(json, JSON.stringify({ format: 'reversal-lab/presets@1', presets }, null, 2) + '\n');
      io.out(`Wrote ${json}\n`);
    }
    return 0;
  },
};
