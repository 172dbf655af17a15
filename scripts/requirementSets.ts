/**
 * Requirement sets the code needs, checked against what the manifest declares (run by
 * scripts/validate-manifest.ts). Each entry is an API the code calls unconditionally, with the set and
 * version its Office documentation gives; an API the code only calls after isSetSupported (e.g.
 * mergeUndoGroup, ExcelApi 1.20) is not listed, because a host without it still runs the add-in.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface SourceFile {
  path: string;
  text: string;
}

export const API_REQUIREMENTS: { api: string; set: string; version: string; pattern: RegExp }[] = [
  { api: 'CustomFunctions.Error', set: 'CustomFunctionsRuntime', version: '1.2', pattern: /\bnew CustomFunctions\.Error\b/ },
  { api: 'CustomFunctions.ErrorCode', set: 'CustomFunctionsRuntime', version: '1.3', pattern: /\bCustomFunctions\.ErrorCode\b/ },
  { api: 'Range.clear("RemoveHyperlinks")', set: 'ExcelApi', version: '1.9', pattern: /\.clear\('RemoveHyperlinks'\)/ },
  { api: 'NamedItem.formula (set)', set: 'ExcelApi', version: '1.7', pattern: /\bitem\.formula = / },
  { api: 'Range.copyFrom', set: 'ExcelApi', version: '1.9', pattern: /\.copyFrom\(/ },
  { api: 'Table.resize', set: 'ExcelApi', version: '1.13', pattern: /\btable\.resize\(/ },
  { api: 'ChartCollection.add', set: 'ExcelApi', version: '1.1', pattern: /\.charts\.add\(/ },
  { api: 'ChartCollection.getItemOrNullObject', set: 'ExcelApi', version: '1.4', pattern: /\.charts\.getItemOrNullObject\(/ },
  {
    api: 'ChartSeries.setValues / setXAxisValues, ChartSeriesCollection.add, ChartSeries.delete',
    set: 'ExcelApi',
    version: '1.7',
    pattern: /\.setValues\(|\.setXAxisValues\(/,
  },
  {
    api: 'ChartLineFormat.lineStyle, ChartSeries.markerStyle, ChartAxis.reversePlotOrder',
    set: 'ExcelApi',
    version: '1.7',
    pattern: /\.lineStyle = |\.markerStyle = |\.reversePlotOrder = /,
  },
  { api: 'WorksheetChangedEventArgs.triggerSource', set: 'ExcelApi', version: '1.14', pattern: /\.triggerSource\b/ },
];

const newer = (a: string, b: string) => {
  const [x, y] = a.split('.').map(Number);
  const [u, v] = b.split('.').map(Number);
  return x > u || (x === u && y > v);
};

/** <Set Name="X" MinVersion="1.3"/> of the manifest's <Requirements>, by name. */
export function declaredSets(xml: string): Map<string, string> {
  const sets = new Map<string, string>();
  for (const m of xml.matchAll(/<Set\s+Name="([^"]+)"\s+MinVersion="([^"]+)"\s*\/>/g)) sets.set(m[1], m[2]);
  return sets;
}

/** One message per API whose set the manifest does not declare at a high enough version. */
export function requirementProblems(label: string, xml: string, sources: SourceFile[]): string[] {
  const declared = declaredSets(xml);
  const problems: string[] = [];
  for (const req of API_REQUIREMENTS) {
    const user = sources.find((f) => req.pattern.test(f.text));
    if (!user) continue;
    const have = declared.get(req.set);
    if (!have || newer(req.version, have)) {
      problems.push(
        `${label}: ${req.api} (used in ${user.path}) needs ${req.set} ${req.version}, the manifest declares ${have ? `${req.set} ${have}` : `no ${req.set}`}`,
      );
    }
  }
  return problems;
}

/** The sources that call Office APIs: src/functions and src/workbook/excel. */
export function officeSources(projectRoot: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
        out.push({ path: relative(projectRoot, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  for (const dir of ['src/functions', 'src/workbook/excel']) walk(join(projectRoot, dir));
  return out;
}
