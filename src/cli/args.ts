/**
 * The command line's one argument parser. A command declares its
 * positionals and options once; the parser and the `--help` text both come
 * from that declaration, so they cannot disagree.
 *
 * Accepted forms: `--name value`, `--name=value`, flags `--name`, `--` to end
 * options, `-h` for `--help`. Anything else starting with `-` is a usage
 * error (exit 2), as is a missing or extra positional.
 */

/** A mistake in how the command was called: reported with the usage line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OptionSpec {
  /** Long name without dashes: `key` for `--key`. */
  readonly name: string;
  /** Placeholder of the value (`K`, `N`); absent for a flag. */
  readonly value?: string;
  /** Whether the option may be given several times (values collect in a list). */
  readonly repeat?: boolean;
  /** Values must be whole numbers >= 0. */
  readonly integer?: boolean;
  readonly help: string;
}

export interface PositionalSpec {
  /** How usage names it: FILE. */
  readonly name: string;
  /** Whether more than one may be given (FILE...). */
  readonly many?: boolean;
}

export interface CommandSpec {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Paragraphs after the usage line in `--help`. */
  readonly description?: string;
  readonly positional: PositionalSpec;
  readonly options: readonly OptionSpec[];
}

/** Options every command accepts. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [
  { name: 'color', help: 'colour the output even when it is not a terminal' },
  { name: 'no-color', help: 'never colour the output (as does the NO_COLOR environment variable)' },
  { name: 'help', help: 'print this help and exit' },
];

type Value = string | number | boolean | (string | number)[];

/** What parsing found: the positionals and each option given. */
export class ParsedArgs {
  constructor(readonly positionals: readonly string[], private readonly values: ReadonlyMap<string, Value>) {}

  flag(name: string): boolean {
    return this.values.get(name) === true;
  }

  string(name: string): string | undefined {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : undefined;
  }

  integer(name: string): number | undefined {
    const v = this.values.get(name);
    return typeof v === 'number' ? v : undefined;
  }

  list(name: string): string[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? v.map(String) : [];
  }
}

function allOptions(spec: CommandSpec): readonly OptionSpec[] {
  return [...spec.options, ...COMMON_OPTIONS];
}

function parseValue(opt: OptionSpec, text: string): string | number {
  if (!opt.integer) return text;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`--${opt.name} takes a whole number, not ${text}`);
  return Number(text);
}

export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const byName = new Map(allOptions(spec).map((o) => [o.name, o]));
  const values = new Map<string, Value>();
  const positionals: string[] = [];
  let optionsDone = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (optionsDone || a === '-' || !a.startsWith('-')) {
      positionals.push(a);
      continue;
    }
    if (a === '--') {
      optionsDone = true;
      continue;
    }
    if (a === '-h') {
      values.set('help', true);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.startsWith('--') ? a.slice(2, eq < 0 ? undefined : eq) : '';
    const opt = byName.get(name);
    if (opt === undefined) throw new UsageError(`unknown option ${eq < 0 ? a : a.slice(0, eq)}`);
    if (opt.value === undefined) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      values.set(name, true);
      continue;
    }
    const text = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (text === undefined) throw new UsageError(`--${name} needs a value (${opt.value})`);
    const v = parseValue(opt, text);
    if (opt.repeat) values.set(name, [...((values.get(name) as (string | number)[] | undefined) ?? []), v]);
    else values.set(name, v);
  }
  const parsed = new ParsedArgs(positionals, values);
  if (parsed.flag('help')) return parsed;
  const p = spec.positional;
  if (positionals.length === 0) throw new UsageError(`${spec.name} needs ${p.many ? 'at least one ' : 'a '}${p.name}`);
  if (!p.many && positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]!}`);
  return parsed;
}

/** `npyio CMD [options]` on one line. */
export function usageLine(spec: CommandSpec): string {
  const p = spec.positional;
  const opts = spec.options.map((o) => `[--${o.name}${o.value ? ` ${o.value}` : ''}]${o.repeat ? '...' : ''}`);
  return ['npyio', spec.name, `${p.name}${p.many ? '...' : ''}`, ...opts].join(' ');
}

/** The `--help` text: usage, description, one line per option. */
export function commandHelp(spec: CommandSpec): string {
  const rows = allOptions(spec).map((o) => [`--${o.name}${o.value ? ` ${o.value}` : ''}${o.repeat ? ' (repeatable)' : ''}`, o.help] as const);
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = [`usage: ${usageLine(spec)}`, '', spec.summary];
  if (spec.description) lines.push('', spec.description);
  lines.push('', 'options:', ...rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`));
  lines.push('', 'Exit status: 0 on success, 2 on a usage error or an error reading the file (one line on stderr).');
  return lines.join('\n');
}
