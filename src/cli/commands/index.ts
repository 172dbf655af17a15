import type { CliCommand } from '../types';
import { importCommand } from './import';
import { simulateCommand } from './simulate';
import { calibrateCommand } from './calibrate';
import { presetsCommand } from './presets';

/** Every CLI command; each lives in its own file next to this one. */
export const commands: CliCommand[] = [importCommand, simulateCommand, calibrateCommand, presetsCommand];
