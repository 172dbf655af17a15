/**
 * A compiled CLI for the benchmark: esbuild bundles src/cli/node.ts and the simulate worker into a temporary
 * directory, the way the esbuild build of the CLI (dist-cli/) does, so the benchmark can time `simulate` as it
 * ships rather than through tsx, whose per-worker start-up (registering the loader, compiling the sources:
 * about 0.5-0.7 s on the development VM) would dominate a run of a few seconds. The worker is found the same
 * way: `new URL('./simulate.worker.ts', import.meta.url)` becomes the compiled worker next to the bundle.
 */
import { join } from 'node:path';

export async function buildCompiledCli(root: string, outDir: string): Promise<{ main: string } | { error: string }> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    return { error: `esbuild is not installed (${(error as Error).message})` };
  }
  const workerUrl = /new URL\(\s*(['"])\.\/simulate\.worker\.ts\1\s*,\s*import\.meta\.url\s*\)/g;
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli/node.ts', 'simulate.worker': 'src/cli/simulate.worker.ts' },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    plugins: [
      {
        name: 'simulate-worker-url',
        setup(build) {
          build.onLoad({ filter: /simulateThreads\.ts$/ }, async (args) => {
            const { readFile } = await import('node:fs/promises');
            const text = (await readFile(args.path, 'utf8')).replace(workerUrl, "new URL('./simulate.worker.mjs', import.meta.url)");
            return { contents: text, loader: 'ts' };
          });
        },
      },
    ],
  });
  return { main: join(outDir, 'cli.mjs') };
}
