import type { CliCommand } from '../types';
import { importCommand } from './import';
import { simulateCommand } from './simulate';
import { calibrateCommand } from './calibrate';
import { presetsCommand } from './presets';
import { runCommand } from './run';
import { backtestCommand } from './backtest';

/** Every CLI command; each lives in its own file next to this one. */
export const commands: CliCommand[] = [runCommand, simulateCommand, backtestCommand, calibrateCommand, importCommand, presetsCommand];
