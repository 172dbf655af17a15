// Webpack build for the Reversal Lab add-in: one page (taskpane.html) hosts the task pane and the custom
// functions (Office shared runtime), so both entry chunks are injected into it.
//
//   webpack --mode development                     dist/ for https://localhost:3000, office.js from /office-js/
//   webpack --mode production                      dist/ for RLAB_BASE_URL (required), office.js from the Office CDN
//   webpack --mode production --env officeJs=local  production bundles, local office.js (npm start, e2e tests)
//
// One webpack runtime (runtimeChunk 'single') serves both entries: with a runtime per entry, every module
// the pane and the functions share (app code, data) would be instantiated twice on the same page.
//
// Typechecking is a separate step (npm run typecheck): swc-loader only transpiles (TypeScript and JSX, each file on
// its own as tsconfig's isolatedModules requires), which keeps builds fast.
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import webpack from 'webpack';

const require = createRequire(import.meta.url);
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const MinimizerPlugin = require('minimizer-webpack-plugin');

const projectRoot = dirname(fileURLToPath(import.meta.url));
/** The origin every URL in manifest/manifest.xml starts with; replaced for production builds. */
export const DEV_BASE_URL = 'https://localhost:3000';
export const OFFICE_JS_CDN_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Where scripts/serve.ts serves node_modules/@microsoft/office-js/dist (86 MB: never copied into dist/). */
export const OFFICE_JS_LOCAL_URL = '/office-js/office.js';
export const MODULE_STATS_FILE = 'stats-modules.json';

/** Checks a base URL for the production manifest: https, no query or hash; returns it without a trailing slash. */
export function normaliseBaseUrl(raw, source = 'RLAB_BASE_URL') {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${source}: "${raw}" is not a URL (expected e.g. https://addins.example.org/reversal-lab)`);
  }
  if (url.protocol !== 'https:') throw new Error(`${source}: "${raw}" must use https (Office loads add-ins only over https)`);
  if (url.search || url.hash) throw new Error(`${source}: "${raw}" must not have a query or fragment`);
  return url.href.replace(/\/+$/, '');
}

/**
 * The origin dist/manifest.xml points at. A production build for the Office CDN must be told where it will
 * be deployed: without RLAB_BASE_URL it stops instead of shipping a manifest for a placeholder host.
 */
export function resolveBaseUrl(env, { useLocalOfficeJs }) {
  if (env.RLAB_BASE_URL) return normaliseBaseUrl(env.RLAB_BASE_URL);
  if (useLocalOfficeJs) return DEV_BASE_URL;
  throw new Error(
    'RLAB_BASE_URL is not set: a production build writes dist/manifest.xml for the host the add-in is deployed on, ' +
      'e.g. RLAB_BASE_URL=https://addins.example.org/reversal-lab npm run build (for a local production build: npm run build:standalone)',
  );
}

/** Rewrites the dev manifest for a deployment: every https://localhost:3000 becomes baseUrl. */
export function rewriteManifest(xml, baseUrl) {
  return xml.split(DEV_BASE_URL).join(baseUrl);
}

/**
 * functions.json names help pages on the add-in's host (@helpurl https://localhost:3000/assets/support.html#...):
 * rewritten to the deployment's base URL like the manifest, once custom-functions-metadata-plugin has emitted it.
 */
class RewriteFunctionsMetadataPlugin {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('RewriteFunctionsMetadataPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'RewriteFunctionsMetadataPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE },
        () => {
          const asset = compilation.getAsset('functions.json');
          if (!asset || this.baseUrl === DEV_BASE_URL) return;
          const json = rewriteManifest(asset.source.source().toString(), this.baseUrl);
          compilation.updateAsset('functions.json', new webpack.sources.RawSource(json));
        },
      );
    });
  }
}

// Vendor groups: react, fluent and mathjs change rarely, so separate files stay cached across releases.
const VENDOR_GROUPS = {
  react: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
  fluent:
    /[\\/]node_modules[\\/](@fluentui|@griffel|@emotion|@floating-ui|tabster|keyborg|@swc[\\/]helpers|use-sync-external-store|rtl-css-js|stylis)[\\/]/,
  papaparse: /[\\/]node_modules[\\/]papaparse[\\/]/, // used by both entries; one copy instead of two
  mathjs:
    /[\\/]node_modules[\\/](mathjs|decimal\.js|complex\.js|fraction\.js|typed-function|javascript-natural-sort|seedrandom|escape-latex|tiny-emitter|@babel[\\/]runtime)[\\/]/,
};

/** Lists, per shipped chunk, the source files bundled into it (read by scripts/check-licenses.ts). */
class ModuleStatsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('ModuleStatsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'ModuleStatsPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const modules = new Map();
        const add = (module, chunkName) => {
          // Concatenated (scope-hoisted) modules hide their parts; list each part.
          if (Array.isArray(module.modules)) return module.modules.forEach((inner) => add(inner, chunkName));
          if (!module.resource) return;
          const resource = module.resource.split('?')[0];
          const entry = modules.get(resource) ?? { resource: relativeToRoot(resource), chunks: [] };
          if (!entry.chunks.includes(chunkName)) entry.chunks.push(chunkName);
          modules.set(resource, entry);
        };
        for (const chunk of compilation.chunks) {
          const chunkName = chunk.name ?? String(chunk.id);
          for (const module of compilation.chunkGraph.getChunkModulesIterable(chunk)) add(module, chunkName);
        }
        const json = JSON.stringify({ modules: [...modules.values()].sort((a, b) => a.resource.localeCompare(b.resource)) }, null, 1);
        compilation.emitAsset(MODULE_STATS_FILE, new webpack.sources.RawSource(json));
      });
    });
  }
}

function relativeToRoot(file) {
  return file.startsWith(projectRoot + sep)
    ? file
        .slice(projectRoot.length + 1)
        .split(sep)
        .join('/')
    : file;
}

export default (env = {}, argv = {}) => {
  const mode = argv.mode ?? 'production';
  const isProduction = mode === 'production';
  const useLocalOfficeJs = !isProduction || env.officeJs === 'local';
  const baseUrl = resolveBaseUrl(process.env, { useLocalOfficeJs });
  const taskpaneEntry = env.taskpaneEntry ?? './src/taskpane/index.tsx';
  const functionsEntry = env.functionsEntry ?? './src/functions/functions.ts';
  const outputPath = env.outputPath ? resolve(projectRoot, env.outputPath) : join(projectRoot, 'dist');
  const hashed = (name) => (isProduction ? `${name}.[contenthash:8].js` : `${name}.js`);

  return {
    mode,
    context: projectRoot,
    target: 'web',
    // env.taskpaneEntry / env.functionsEntry: only for tests/manifest, which build small fixture apps.
    entry: { taskpane: taskpaneEntry, functions: functionsEntry },
    output: {
      path: outputPath,
      // functions.js keeps a fixed name because the manifest's Functions.Script.Url names it.
      filename: (pathData) => (pathData.chunk?.name === 'functions' ? 'functions.js' : hashed('[name]')),
      chunkFilename: hashed('[name]'),
      assetModuleFilename: 'assets/[name].[contenthash:8][ext]',
      clean: true,
    },
    devtool: isProduction ? 'source-map' : 'eval-cheap-module-source-map',
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      // exceljs resolves to its prebuilt browser bundle (package.json "browser"); nothing else in the pane
      // may reach for Node built-ins, so a stray import fails the build instead of shipping a polyfill.
      fallback: { fs: false, path: false, stream: false, crypto: false, os: false },
    },
    module: {
      // exceljs's browser build is a self-contained, already minified bundle: parsing its 1 MB for imports is wasted time.
      noParse: /[\\/]node_modules[\\/]exceljs[\\/]dist[\\/]/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // swc instead of ts-loader (TypeScript's own transpileModule): the same bundles (2,627,430 against 2,627,435
          // bytes of JavaScript), and a production build takes 14 instead of 18 s of CPU. The options mirror
          // tsconfig.json: ES2022, the automatic JSX runtime (react-jsx), class fields as defined properties.
          loader: 'swc-loader',
          options: {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              target: 'es2022',
              transform: { react: { runtime: 'automatic', development: false }, useDefineForClassFields: true },
            },
            sourceMaps: true,
          },
        },
        // Text imports: `import text from './x.csv'` or `from './x.txt?raw'` (same form vitest understands).
        { resourceQuery: /raw/, type: 'asset/source' },
        { test: /\.csv$/, resourceQuery: { not: [/raw/] }, type: 'asset/source' },
      ],
    },
    optimization: {
      // swc's minifier (through webpack's own minimizer plugin) instead of terser: the same bundle sizes (initial
      // JavaScript 0.2 % smaller) for about half the CPU of a production build (30 s against 56 s measured).
      // exceljs's browser build comes minified by its authors: minifying it again took 2.5 s of CPU per production
      // build for 1.6 % of its size (947 against 932 KB; 256.5 against 254.5 KB with gzip -9; loaded on demand only).
      minimizer: [
        new MinimizerPlugin({
          exclude: /^vendor-exceljs\./,
          // In this process: with one worker (what it picks on 2 cores) the plugin starts a child process and
          // ships every chunk to it, which cost about 2 s of CPU and 3 s of wall time per production build.
          parallel: false,
          minify: { implementation: MinimizerPlugin.swcMinify, options: { compress: { passes: 2 } } },
        }),
      ],
      runtimeChunk: 'single',
      splitChunks: isProduction
        ? {
            chunks: 'all',
            cacheGroups: {
              ...Object.fromEntries(
                Object.entries(VENDOR_GROUPS).map(([name, test]) => [
                  name,
                  { test, name: `vendor-${name}`, priority: 20, reuseExistingChunk: true, enforce: true },
                ]),
              ),
              // Loaded only when a .xlsx is imported or exported (dynamic import in src/data/xlsx.ts).
              exceljs: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: 'vendor-exceljs', chunks: 'async', priority: 30, enforce: true },
            },
          }
        : false,
    },
    performance: { hints: false }, // sizes are reported by scripts/bundle-size.ts instead
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: functionsEntry, output: 'functions.json' }),
      new RewriteFunctionsMetadataPlugin(baseUrl),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['runtime', 'functions', 'taskpane'],
        chunksSortMode: 'manual', // the shared runtime, then functions: associate() runs before the pane starts
        inject: 'head',
        scriptLoading: 'defer',
        officeJsUrl: useLocalOfficeJs ? OFFICE_JS_LOCAL_URL : OFFICE_JS_CDN_URL,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          {
            from: 'manifest/manifest.xml',
            to: 'manifest.xml',
            transform: (content) => rewriteManifest(content.toString('utf8'), baseUrl),
          },
        ],
      }),
      new webpack.DefinePlugin({ __RLAB_VERSION__: JSON.stringify(require('./package.json').version) }),
      ...(isProduction ? [new ModuleStatsPlugin()] : []),
    ],
    stats: 'errors-warnings',
  };
};

export { projectRoot };
