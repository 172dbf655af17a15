import type { CliCommand } from '../types';
import { importCommand } from './import';
import { simulateCommand } from './simulate';

/** Every CLI command; each lives in its own file next to this one. */
export const commands: CliCommand[] = [importCommand, simulateCommand];
