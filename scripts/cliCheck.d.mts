/** Types of scripts/cliCheck.mjs. */
export declare const ROOT: string;
export declare const DEFAULT_OUT_DIR: string;
export declare const ENTRY: string;
export declare const MAIN_FILE: string;
export declare const BUILD_INFO_FILE: string;
export declare const BUILD_INFO_FORMAT: string;
export declare const LOCK_FILE: string;

export interface CliBuildInfo {
  format: string;
  entry: string;
  main: string;
  /** "name: module#export" per command loaded on use, or why every command loads at start-up. */
  commands: string[] | string;
  /** Worker source -> compiled entry file, for every `new URL('./x.ts', import.meta.url)` in the sources. */
  workers: Record<string, string>;
  esbuild: string;
  /** SHA-1 of every project source in the bundle (paths relative to the repository, posix). */
  sources: Record<string, string | null>;
  lockFile: string | null;
}

export type CliCheck =
  | { ok: true; mainUrl: string; info: CliBuildInfo }
  | { ok: false; message: string; changed?: string[] };

export declare function sha1(data: string | Uint8Array): string;
export declare function hashFiles(root: string, files: string[]): Record<string, string | null>;
export declare function shown(dir: string): string;
export declare function checkCompiledCli(outDir?: string, root?: string): CliCheck;
