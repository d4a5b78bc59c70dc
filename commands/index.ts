import type { Command } from '../src/core/command';
import help from './help';
import submit from './submit';
import whoami from './whoami';

/** Every chat command, in the order help lists them. Add a command here to enable it. */
export const commandList: Command[] = [help, whoami, submit];
