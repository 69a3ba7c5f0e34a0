/**
 * ANSI styles for terminal output, shared by the command line and the
 * library's report tables (which colour only when asked). Each style is its
 * own on/off pair, so styled text can sit inside other styled text.
 */
const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  magenta: [35, 39],
  cyan: [36, 39],
} as const;

export type Style = keyof typeof STYLES;

/** `text` in `style` when `on`, else `text` as it is. */
export function ansi(style: Style, text: string, on = true): string {
  return on ? `\x1b[${STYLES[style][0]}m${text}\x1b[${STYLES[style][1]}m` : text;
}
