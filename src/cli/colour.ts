/**
 * Colour on the command line: only on a terminal, never when NO_COLOR is
 * set (https://no-color.org: any non-empty value), `--color` and
 * `--no-color` override both (`--no-color` wins).
 */
import { ansi, type Style } from '../format/ansi.js';
import type { ParsedArgs } from './args.js';

export type { Style } from '../format/ansi.js';

export interface Colour {
  readonly enabled: boolean;
  /** `text` wrapped in the style's escape codes when colour is on, else `text`. */
  paint(style: Style, text: string): string;
}

export function colourFor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>, args?: ParsedArgs): Colour {
  let enabled = isTTY === true && !env['NO_COLOR'];
  if (args?.flag('color')) enabled = true;
  if (args?.flag('no-color')) enabled = false;
  return {
    enabled,
    paint: (style, text) => ansi(style, text, enabled),
  };
}
