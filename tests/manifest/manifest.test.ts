/**
 * Offline manifest validation: the real manifest passes xmllint + the semantic checks; each fixture
 * under fixtures/invalid breaks one rule and must fail with a message that names the problem.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkManifestSemantics, readPngSize, resolveSchemaPath, runXmllint, validateManifestFile } from '../../scripts/validate-manifest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const realManifest = join(root, 'manifest', 'manifest.xml');
const fixture = (name: string) => join(root, 'tests', 'manifest', 'fixtures', 'invalid', `${name}.manifest.xml`);

/** What `webpack --mode production` emits for this manifest (hashed bundles omitted: the manifest does not name them). */
const EMITTED = [
  'taskpane.html',
  'functions.js',
  'functions.json',
  'manifest.xml',
  'assets/icon-16.png',
  'assets/icon-32.png',
  'assets/icon-64.png',
  'assets/icon-80.png',
  'assets/icon-128.png',
  'assets/support.html',
];

const validate = (file: string, emittedFiles: string[] | undefined = EMITTED) =>
  validateManifestFile(file, { iconRoot: root, emittedFiles });

describe('manifest/manifest.xml', () => {
  it('passes the Office XSD (xmllint) and every semantic check, with no warnings', () => {
    const result = validate(realManifest);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('is what xmllint itself accepts (the schema run is not skipped)', () => {
    expect(runXmllint(realManifest, resolveSchemaPath())).toEqual([]);
  });

  it('names the shared runtime page in Runtime, Page, FunctionFile and ShowTaskpane', () => {
    const xml = readFileSync(realManifest, 'utf8');
    expect(xml.match(/resid="Taskpane.Url"/g)).toHaveLength(4);
    expect(xml).toContain('<Runtime resid="Taskpane.Url" lifetime="long"/>');
  });
});

describe('fixtures that must fail', () => {
  it('missing resid: the page resource is not defined', () => {
    const { errors } = validate(fixture('missing-resid'));
    expect(errors).toContain('missing-resid.manifest.xml: resid "Taskpane.Url" used by <Runtime> is not defined in <Resources>');
    expect(errors).toContain('missing-resid.manifest.xml: resid "Taskpane.Url" used by <FunctionFile> is not defined in <Resources>');
  });

  it('non-GUID Id: both the schema and the semantic check object', () => {
    const { errors } = validate(fixture('non-guid-id'));
    expect(errors).toContain(
      'non-guid-id.manifest.xml: <Id> "reversal-lab-addin" is not a GUID (expected 8-4-4-4-12 hex digits, e.g. 9f684aa5-6647-4351-a765-569d1d727e84)',
    );
    expect(errors.some((e) => e.includes("Element '{http://schemas.microsoft.com/office/appforoffice/1.1}Id': [facet 'pattern']"))).toBe(
      true,
    );
  });

  it('misordered elements: xmllint reports the element and where', () => {
    const { errors } = validate(fixture('misordered'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^misordered\.manifest\.xml: \d+: element ProviderName: Schemas validity error : .*ProviderName': This element is not expected\. Expected is one of .*Version \)\.$/,
    );
  });

  it('http URL: names the resource and the URL', () => {
    const { errors } = validate(fixture('http-url'));
    expect(errors).toEqual(['http-url.manifest.xml: <bt:Url id="Taskpane.Url"> URL "http://localhost:3000/taskpane.html" is not https']);
  });

  it('wrong icon size: reads the PNG header and compares with the declared size', () => {
    const { errors } = validate(fixture('wrong-icon-size'));
    expect(errors).toContain(
      'wrong-icon-size.manifest.xml: icon "assets/icon-16.png" for <bt:Image size="32" resid="Icon.32x32"> is 16x16 px, expected 32x32',
    );
  });

  it('split runtime: the ribbon opens another page than the shared runtime', () => {
    const { errors } = validate(fixture('split-runtime'));
    expect(errors).toEqual([
      'split-runtime.manifest.xml: <SourceLocation> of the ShowTaskpane action uses resid "Pane.Other.Url" but <Runtime> uses "Taskpane.Url": the shared runtime needs one page',
    ]);
  });

  it('wrong resource kind: a label must be a short string', () => {
    const { errors } = validate(fixture('wrong-resource-kind'));
    expect(errors).toEqual([
      'wrong-resource-kind.manifest.xml: resid "Taskpane.Url" used by <Label> is defined in <bt:Urls>, expected <bt:ShortStrings>',
    ]);
  });

  it('a URL the build does not emit', () => {
    const { errors } = validate(
      realManifest,
      EMITTED.filter((f) => f !== 'functions.json'),
    );
    expect(errors).toEqual([
      'manifest.xml: <bt:Url id="Functions.Metadata.Url"> points to "functions.json", which the build does not emit',
    ]);
  });

  it('a missing icon file and a file that is not a PNG', () => {
    const xml = readFileSync(realManifest, 'utf8');
    const result = checkManifestSemantics(xml, {
      label: 'manifest.xml',
      readIcon: (relPath) =>
        relPath === 'assets/icon-80.png'
          ? null
          : relPath === 'assets/icon-64.png'
            ? { bytes: new TextEncoder().encode('GIF89a not a png at all') }
            : { bytes: readFileSync(join(root, relPath)) },
    });
    expect(result.errors).toContain('manifest.xml: icon "assets/icon-80.png" for <bt:Image size="80" resid="Icon.80x80"> does not exist');
    expect(result.errors).toContain('manifest.xml: icon "assets/icon-64.png" for <HighResolutionIconUrl> is not a PNG file');
  });

  it('malformed XML stops with the line of the fault', () => {
    const result = checkManifestSemantics('<OfficeApp>\n  <Id>x</Id>\n</Office>', { label: 'broken.xml', readIcon: () => null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^broken\.xml:3: not well-formed XML: /);
  });

  it('a missing schema folder gives the fix, not a stack trace', () => {
    const schema = resolveSchemaPath({ RLAB_SCHEMA_DIR: '/nonexistent/schemas' });
    expect(schema).toBe('/nonexistent/schemas/OfficeAppManifestV1_1.xsd');
    expect(runXmllint(realManifest, schema)).toEqual([
      'schema not found at /nonexistent/schemas/OfficeAppManifestV1_1.xsd: restore manifest/schemas from git or set RLAB_SCHEMA_DIR to the folder holding OfficeAppManifestV1_1.xsd',
    ]);
  });
});

describe('readPngSize', () => {
  it('reads the committed icons at their declared sizes', () => {
    for (const sizePx of [16, 32, 64, 80, 128]) {
      expect(readPngSize(readFileSync(join(root, 'assets', `icon-${sizePx}.png`)))).toEqual({ widthPx: sizePx, heightPx: sizePx });
    }
  });
});
