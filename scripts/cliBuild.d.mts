/** Types of scripts/cliBuild.mjs (plain JavaScript so it runs at npm install, before any TypeScript tooling). */
import type { CliBuildInfo } from './cliCheck.mjs';

export type { CliBuildInfo, CliCheck } from './cliCheck.mjs';
export { BUILD_INFO_FILE, BUILD_INFO_FORMAT, checkCompiledCli, DEFAULT_OUT_DIR, ENTRY, MAIN_FILE, ROOT } from './cliCheck.mjs';

export declare function buildCli(options?: { outDir?: string; root?: string; lazyCommands?: boolean }): Promise<{
  outDir: string;
  info: CliBuildInfo;
  /** Why every command loads at start-up (index.ts lists a command that is not a module export), or null. */
  warning: string | null;
  files: string[];
}>;

export declare function listOutput(dir: string): string[];

/** outDir's build info when it was built from the current sources and lock file by the current build scripts; else null. */
export declare function currentBuild(outDir?: string, root?: string): CliBuildInfo | null;
