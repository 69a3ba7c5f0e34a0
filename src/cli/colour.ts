/**
 * Colour on the command line: only on a terminal, never when NO_COLOR is
 * set (https://no-color.org: any non-empty value), `--color` and
 * `--no-color` override both (`--no-color` wins).
 */
import type { ParsedArgs } from './args.js';

const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

export type Style = keyof typeof STYLES;

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
    paint: (style, text) => (enabled ? `\x1b[${STYLES[style][0]}m${text}\x1b[${STYLES[style][1]}m` : text),
  };
}
