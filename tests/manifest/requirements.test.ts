/** scripts/requirementSets.ts: the manifest declares the requirement sets of the APIs the code calls. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { declaredSets, officeSources, requirementProblems } from '../../scripts/requirementSets';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = readFileSync(join(root, 'manifest', 'manifest.xml'), 'utf8');

describe('requirement sets', () => {
  it('the manifest covers every Office API the functions and the Excel adapter call', () => {
    expect(requirementProblems('manifest.xml', manifest, officeSources(root))).toEqual([]);
    expect(declaredSets(manifest).get('CustomFunctionsRuntime')).toBe('1.3');
  });

  it('names the API, the file and the set when the manifest declares too little', () => {
    const old = manifest
      .replace('<Set Name="CustomFunctionsRuntime" MinVersion="1.3"/>', '<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>')
      .replace('<Set Name="ExcelApi" MinVersion="1.14"/>', '');
    expect(requirementProblems('manifest.xml', old, officeSources(root))).toEqual([
      'manifest.xml: CustomFunctions.Error (used in src/functions/functions.ts) needs CustomFunctionsRuntime 1.2, the manifest declares CustomFunctionsRuntime 1.1',
      'manifest.xml: CustomFunctions.ErrorCode (used in src/functions/functions.ts) needs CustomFunctionsRuntime 1.3, the manifest declares CustomFunctionsRuntime 1.1',
      expect.stringMatching(
        /^manifest\.xml: Range\.clear\("RemoveHyperlinks"\) \(used in src\/workbook\/excel\/excelWrite\.ts\) needs ExcelApi 1\.9, the manifest declares no ExcelApi$/,
      ),
      expect.stringMatching(/NamedItem\.formula \(set\).*needs ExcelApi 1\.7/),
      expect.stringMatching(/Range\.copyFrom.*needs ExcelApi 1\.9/),
      expect.stringMatching(/Table\.resize.*needs ExcelApi 1\.13/),
      expect.stringMatching(/ChartCollection\.add \(used in src\/workbook\/excel\/excelWrite\.ts\) needs ExcelApi 1\.1,/),
      expect.stringMatching(/ChartCollection\.getItemOrNullObject \(used in src\/workbook\/excel\/excelOutline\.ts\) needs ExcelApi 1\.4,/),
      expect.stringMatching(/ChartSeries\.setValues.*needs ExcelApi 1\.7/),
      expect.stringMatching(/ChartLineFormat\.lineStyle.*needs ExcelApi 1\.7/),
      expect.stringMatching(/triggerSource.*needs ExcelApi 1\.14/),
    ]);
  });
});
