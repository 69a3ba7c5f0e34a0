/**
 * What a command is: its declaration (args.ts builds the parser and the
 * help from it) and a run function. main.ts lists the commands in a table;
 * a new command is a module exporting one of these and one line there.
 */
import type { CommandSpec, ParsedArgs } from './args.js';
import type { Colour } from './colour.js';

export interface CommandContext {
  /** Writes text and a newline to stdout. */
  out(text: string): void;
  /** Writes one line to stderr (warnings). */
  warn(text: string): void;
  /** Colour for stdout. */
  readonly colour: Colour;
}

export interface Command extends CommandSpec {
  /** Runs the command; returns the exit status (0 when nothing is returned). */
  run(args: ParsedArgs, ctx: CommandContext): number | void;
}
