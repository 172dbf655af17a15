/** Side effects a CLI command may use; injected so commands are testable without a process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Writes text piece by piece (a file too big to build as one string); writeFile of the joined text when absent. */
  writeTextChunks?(path: string, chunks: Iterable<string>): Promise<void>;
  /** Progress of a long step ("reading big.csv", 0..1); the process shows it on stderr. Absent: no progress. */
  progress?(label: string, fraction: number): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Full usage text shown by `reversal-lab <name> --help`. */
  usage: string;
  /** Returns the process exit code (0 ok, 1 failure, 2 bad usage). */
  run(args: string[], io: CliIo): Promise<number>;
}
