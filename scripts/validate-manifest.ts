/**
 * Offline manifest validation (npm run validate). `office-addin-manifest validate` posts XML manifests to an
 * online service, so instead: (1) xmllint against the Office XSDs vendored in manifest/schemas, and (2) the checks
 * the schema cannot express: resids, one shared-runtime page, https, files the
 * build emits, icon pixel sizes. Validates manifest/manifest.xml and, when built, dist/manifest.xml.
 *
 *   npx tsx scripts/validate-manifest.ts [manifest.xml ...]     env RLAB_SCHEMA_DIR overrides the XSD folder
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { officeSources, requirementProblems, type SourceFile } from './requirementSets';

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Bytes of an icon file, or null when it does not exist. */
export type IconFile = { bytes: Uint8Array } | null;

export interface SemanticOptions {
  /** File name used at the start of every message. */
  label: string;
  /** Files the build emits, relative to the site root; undefined skips that check. */
  emittedFiles?: Set<string> | undefined;
  /** Reads an icon by its path relative to the site root (e.g. "assets/icon-32.png"). */
  readIcon: (relPath: string) => IconFile;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Office rejects resource ids longer than 32 characters. */
const MAX_RESID_LENGTH = 32;
/** Which <Resources> list a resid must come from, by the local name of the element that uses it. */
const RESOURCE_KIND: Record<string, string> = {
  Image: 'Images',
  SourceLocation: 'Urls',
  FunctionFile: 'Urls',
  LearnMoreUrl: 'Urls',
  Runtime: 'Urls',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Namespace: 'ShortStrings',
  Description: 'LongStrings',
};
/** Expected pixel sizes of the top-level icons (Office docs: IconUrl 32x32, HighResolutionIconUrl 64x64). */
const TOP_LEVEL_ICON_PX: Record<string, number> = { IconUrl: 32, HighResolutionIconUrl: 64 };

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

function toNodes(raw: unknown[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of raw as Record<string, unknown>[]) {
    const name = Object.keys(item).find((key) => key !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) continue;
    const childrenRaw = item[name] as unknown[];
    const text = childrenRaw
      .filter((c) => typeof c === 'object' && c !== null && '#text' in c)
      .map((c) => String((c as { '#text': unknown })['#text']))
      .join('');
    nodes.push({ name, attrs: (item[':@'] as Record<string, string>) ?? {}, children: toNodes(childrenRaw), text: text.trim() });
  }
  return nodes;
}

function* walk(node: XmlNode, parents: XmlNode[] = []): Generator<{ node: XmlNode; parents: XmlNode[] }> {
  yield { node, parents };
  for (const child of node.children) yield* walk(child, [...parents, node]);
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function readPngSize(bytes: Uint8Array): { widthPx: number; heightPx: number } {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isPng =
    bytes.length >= 24 && signature.every((b, i) => bytes[i] === b) && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR';
  if (!isPng) throw new Error('not a PNG file');
  return { widthPx: view.getUint32(16), heightPx: view.getUint32(20) };
}

function describe(node: XmlNode): string {
  const id = node.attrs.id ? ` id="${node.attrs.id}"` : node.attrs.resid ? ` resid="${node.attrs.resid}"` : '';
  const size = node.attrs.size ? ` size="${node.attrs.size}"` : '';
  return `<${node.name}${size}${id}>`;
}

/** The checks an XSD cannot express. Returns messages that each name the file, the element and the problem. */
export function checkManifestSemantics(xml: string, options: SemanticOptions): { errors: string[]; warnings: string[] } {
  const { label } = options;
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    return { errors: [`${label}:${wellFormed.err.line}: not well-formed XML: ${wellFormed.err.msg}`], warnings: [] };
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
  });
  const root = toNodes(parser.parse(xml) as unknown[]).find((n) => localName(n.name) === 'OfficeApp');
  if (!root) return { errors: [`${label}: the root element is not <OfficeApp>`], warnings: [] };
  const errors: string[] = [];
  const warnings: string[] = [];
  const all = [...walk(root)];
  const byName = (name: string) => all.filter((e) => localName(e.node.name) === name);

  const id = root.children.find((n) => n.name === 'Id')?.text ?? '';
  if (!GUID.test(id))
    errors.push(`${label}: <Id> "${id}" is not a GUID (expected 8-4-4-4-12 hex digits, e.g. 9f684aa5-6647-4351-a765-569d1d727e84)`);

  // Resources: id -> list kind and value.
  const resources = new Map<string, { kind: string; node: XmlNode }>();
  for (const { node, parents } of all) {
    const list = parents[parents.length - 1];
    const resourcesEl = parents[parents.length - 2];
    if (!list || !resourcesEl || localName(resourcesEl.name) !== 'Resources' || !node.attrs.id) continue;
    const resid = node.attrs.id;
    if (resources.has(resid)) errors.push(`${label}: resource id "${resid}" is defined twice in <Resources>`);
    if (resid.length > MAX_RESID_LENGTH)
      errors.push(`${label}: resource id "${resid}" is ${resid.length} characters; Office allows at most ${MAX_RESID_LENGTH}`);
    resources.set(resid, { kind: localName(list.name), node });
  }

  const used = new Set<string>();
  for (const { node } of all) {
    const resid = node.attrs.resid;
    if (resid === undefined) continue;
    used.add(resid);
    const defined = resources.get(resid);
    const expected = RESOURCE_KIND[localName(node.name)];
    if (!defined) errors.push(`${label}: resid "${resid}" used by <${node.name}> is not defined in <Resources>`);
    else if (expected && defined.kind !== expected) {
      errors.push(`${label}: resid "${resid}" used by <${node.name}> is defined in <bt:${defined.kind}>, expected <bt:${expected}>`);
    }
  }
  for (const resid of resources.keys()) if (!used.has(resid)) warnings.push(`${label}: resource "${resid}" is defined but never used`);

  // Shared runtime: the pane, the custom functions and the ribbon must all load the one long-lived page.
  const runtimes = byName('Runtime').map((e) => e.node);
  const runtimeResid = runtimes[0]?.attrs.resid;
  if (!runtimeResid)
    errors.push(`${label}: no <Runtimes><Runtime resid=...> in <Host>: custom functions and the task pane would not share a runtime`);
  for (const runtime of runtimes) {
    if (runtime.attrs.lifetime !== 'long')
      errors.push(
        `${label}: <Runtime resid="${runtime.attrs.resid}"> must have lifetime="long" so custom functions run while the pane is closed`,
      );
  }
  const sharedUsers: { what: string; resid: string | undefined }[] = [];
  for (const { node, parents } of byName('SourceLocation')) {
    const parent = parents[parents.length - 1];
    const grand = parents[parents.length - 2];
    if (localName(parent.name) === 'Page' && grand?.attrs['xsi:type'] === 'CustomFunctions')
      sharedUsers.push({ what: '<Page> of the CustomFunctions extension point', resid: node.attrs.resid });
    if (localName(parent.name) === 'Action' && parent.attrs['xsi:type'] === 'ShowTaskpane')
      sharedUsers.push({ what: '<SourceLocation> of the ShowTaskpane action', resid: node.attrs.resid });
  }
  for (const { node } of byName('FunctionFile')) sharedUsers.push({ what: '<FunctionFile>', resid: node.attrs.resid });
  if (runtimeResid) {
    for (const user of sharedUsers) {
      if (user.resid !== runtimeResid) {
        errors.push(
          `${label}: ${user.what} uses resid "${user.resid}" but <Runtime> uses "${runtimeResid}": the shared runtime needs one page`,
        );
      }
    }
  }

  // URLs: https, under the add-in's base, emitted by the build.
  const sourceLocation = root.children.find((n) => n.name === 'DefaultSettings')?.children.find((n) => n.name === 'SourceLocation')
    ?.attrs.DefaultValue;
  if (!sourceLocation) errors.push(`${label}: <DefaultSettings><SourceLocation DefaultValue=...> is missing`);
  const base = sourceLocation ? sourceLocation.slice(0, sourceLocation.lastIndexOf('/') + 1) : undefined;
  const relPathOf = (url: string): string | undefined =>
    base && url.startsWith(base) ? url.slice(base.length).split(/[?#]/)[0] : undefined;
  const urlNodes: { node: XmlNode; url: string }[] = [];
  for (const { node, parents } of all) {
    const name = localName(node.name);
    const inResources = parents.some((p) => localName(p.name) === 'Resources');
    if (name === 'AppDomain') urlNodes.push({ node, url: node.text });
    else if (name === 'Override' && /^https?:/i.test(node.attrs.Value ?? '')) urlNodes.push({ node, url: node.attrs.Value });
    else if (
      node.attrs.DefaultValue !== undefined &&
      (['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation'].includes(name) ||
        (inResources && ['Image', 'Url'].includes(name)))
    ) {
      urlNodes.push({ node, url: node.attrs.DefaultValue });
    }
  }
  for (const { node, url } of urlNodes) {
    if (!/^https:\/\//i.test(url)) {
      errors.push(`${label}: ${describe(node)} URL "${url}" is not https`);
      continue;
    }
    const relPath = relPathOf(url);
    if (relPath === undefined || localName(node.name) === 'AppDomain' || !options.emittedFiles) continue;
    if (!options.emittedFiles.has(relPath))
      errors.push(`${label}: ${describe(node)} points to "${relPath}", which the build does not emit`);
  }

  // Icons: the file at each icon URL must have the pixel size its reference declares.
  const iconChecks: { relPath: string | undefined; url: string; sizePx: number; context: string }[] = [];
  for (const { node } of byName('Image')) {
    if (node.attrs.resid && node.attrs.size) {
      const def = resources.get(node.attrs.resid);
      if (def?.kind === 'Images')
        iconChecks.push({
          relPath: relPathOf(def.node.attrs.DefaultValue ?? ''),
          url: def.node.attrs.DefaultValue ?? '',
          sizePx: Number(node.attrs.size),
          context: describe(node),
        });
    }
    const declared = /(\d+)x(\d+)$/.exec(node.attrs.id ?? '');
    if (declared && declared[1] === declared[2]) {
      iconChecks.push({
        relPath: relPathOf(node.attrs.DefaultValue ?? ''),
        url: node.attrs.DefaultValue ?? '',
        sizePx: Number(declared[1]),
        context: describe(node),
      });
    }
  }
  for (const child of root.children) {
    const sizePx = TOP_LEVEL_ICON_PX[child.name];
    if (sizePx)
      iconChecks.push({
        relPath: relPathOf(child.attrs.DefaultValue ?? ''),
        url: child.attrs.DefaultValue ?? '',
        sizePx,
        context: `<${child.name}>`,
      });
  }
  const reported = new Set<string>();
  for (const check of iconChecks) {
    if (check.relPath === undefined) continue; // an icon hosted elsewhere cannot be read offline
    const file = options.readIcon(check.relPath);
    let problem: string | undefined;
    if (!file) problem = 'does not exist';
    else {
      try {
        const { widthPx, heightPx } = readPngSize(file.bytes);
        if (widthPx !== check.sizePx || heightPx !== check.sizePx)
          problem = `is ${widthPx}x${heightPx} px, expected ${check.sizePx}x${check.sizePx}`;
      } catch (error) {
        problem = `is ${(error as Error).message}`;
      }
    }
    const message = problem && `${label}: icon "${check.relPath}" for ${check.context} ${problem}`;
    if (message && !reported.has(message)) {
      reported.add(message);
      errors.push(message);
    }
  }
  // The same resid is often used by several elements of one name; one message each is enough.
  return { errors: [...new Set(errors)], warnings };
}

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_FILE = 'OfficeAppManifestV1_1.xsd';

/** The XSD entry point: $RLAB_SCHEMA_DIR, else the copy vendored in manifest/schemas (with its README and licence notice). */
export function resolveSchemaPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.RLAB_SCHEMA_DIR ?? join(projectRoot, 'manifest', 'schemas');
  return join(dir, SCHEMA_FILE);
}

/** Runs xmllint --schema; returns one message per schema error (empty when valid). */
export function runXmllint(manifestPath: string, schemaPath: string): string[] {
  if (!existsSync(schemaPath)) {
    return [
      `schema not found at ${schemaPath}: restore manifest/schemas from git or set RLAB_SCHEMA_DIR to the folder holding ${SCHEMA_FILE}`,
    ];
  }
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (probe.error) return ['xmllint not found: install it (Debian/Ubuntu: apt-get install libxml2-utils; macOS ships it)'];
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schemaPath, manifestPath], { encoding: 'utf8' });
  if (run.status === 0) return [];
  const label = basename(manifestPath);
  const lines = run.stderr.split('\n').filter((line) => line.trim() && !/ fails to validate$/.test(line) && !/ validates$/.test(line));
  // xmllint prints "path:line: element X: Schemas validity error : ..."; keep the line number, drop the path.
  const messages = lines.map((line) => `${label}: ${line.startsWith(manifestPath) ? line.slice(manifestPath.length + 1) : line}`);
  return messages.length > 0 ? messages : [`${label}: xmllint failed with exit code ${run.status}`];
}

/** Every file below dir as a '/'-separated relative path. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

export interface ValidateOptions {
  /** XSD entry point; default resolveSchemaPath(). */
  schemaPath?: string;
  /** Files the build emits (paths relative to the site root); undefined skips the check. */
  emittedFiles?: Iterable<string> | undefined;
  /** Folder that icon URL paths resolve against (the project root for manifest/, dist/ for dist/). */
  iconRoot: string;
  /** Skip xmllint (used by tests that target one semantic check). */
  skipSchema?: boolean;
  /** Sources whose Office API calls the declared requirement sets must cover; default the project's. */
  sources?: SourceFile[];
}

export interface ValidateResult {
  errors: string[];
  warnings: string[];
}

/** Schema validation plus semantic checks for one manifest file. */
export function validateManifestFile(manifestPath: string, options: ValidateOptions): ValidateResult {
  const label = basename(manifestPath);
  const schemaErrors = options.skipSchema ? [] : runXmllint(manifestPath, options.schemaPath ?? resolveSchemaPath());
  const xml = readFileSync(manifestPath, 'utf8');
  const readIcon = (relPath: string): IconFile => {
    const file = join(options.iconRoot, relPath);
    return existsSync(file) ? { bytes: readFileSync(file) } : null;
  };
  const semantic = checkManifestSemantics(xml, {
    label,
    emittedFiles: options.emittedFiles ? new Set(options.emittedFiles) : undefined,
    readIcon,
  });
  const requirements = requirementProblems(label, xml, options.sources ?? officeSources(projectRoot));
  return { errors: [...schemaErrors, ...semantic.errors, ...requirements], warnings: semantic.warnings };
}

function main(argv: string[]): number {
  const distDir = join(projectRoot, 'dist');
  const distBuilt = existsSync(join(distDir, 'taskpane.html'));
  const emitted = distBuilt ? listFiles(distDir) : undefined;
  const targets =
    argv.length > 0
      ? argv.map((file) => ({ path: resolve(file), iconRoot: dirname(resolve(file)) === distDir ? distDir : projectRoot }))
      : [
          { path: join(projectRoot, 'manifest', 'manifest.xml'), iconRoot: projectRoot },
          ...(existsSync(join(distDir, 'manifest.xml')) ? [{ path: join(distDir, 'manifest.xml'), iconRoot: distDir }] : []),
        ];
  if (!distBuilt) console.log('note: dist/ is not built, so "URL is emitted by the build" is not checked (run npm run build first)');
  let failed = false;
  for (const target of targets) {
    const { errors, warnings } = validateManifestFile(target.path, { iconRoot: target.iconRoot, emittedFiles: emitted });
    const shown = relative(process.cwd(), target.path) || target.path;
    for (const warning of warnings) console.log(`warning: ${warning}`);
    if (errors.length === 0) {
      console.log(`ok: ${shown} (schema + resids, shared runtime, https, ${emitted ? 'emitted files, ' : ''}icon sizes, requirement sets)`);
    } else {
      failed = true;
      console.error(`FAIL: ${shown}`);
      for (const error of errors) console.error(`  ${error}`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exitCode = main(process.argv.slice(2));
}
