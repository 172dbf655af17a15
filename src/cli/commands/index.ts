import type { CliCommand } from '../types';

/** Every CLI command; each lives in its own file next to this one. */
export const commands: CliCommand[] = [];
