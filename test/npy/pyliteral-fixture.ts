/** python-fixtures/pyliteral/cases.json: texts and values with what CPython 3.11 made of them. */
import { readFileSync } from 'node:fs';
import { fixture } from '../helpers.js';

/** A Python value as gen_pyliteral.py tags it. */
export type Tagged =
  | null
  | boolean
  | { int: string }
  | { float: string }
  | { str: string }
  | { bytes: string }
  | { complex: [string, string] }
  | { tuple: Tagged[] }
  | { list: Tagged[] }
  | { dict: [Tagged, Tagged][] }
  | { set: Tagged[] }
  | { ellipsis: true };

export const cases = JSON.parse(readFileSync(fixture('pyliteral', 'cases.json'), 'utf8')) as {
  python: string;
  literal: unknown[];
  repr: { value: Tagged; repr: string }[];
};

/** Python's float text ('inf', 'nan', '-0.0', '1e-05') as a number. */
export function pyFloat(s: string): number {
  return s === 'inf' ? Infinity : s === '-inf' ? -Infinity : s === 'nan' ? NaN : Number(s);
}
