/**
 * No CPython counterpart: a shortcut that gives `ast.literal_eval`'s
 * result directly for the text numpy's `_write_array_header` produces,
 * and hands everything else to the full pipeline.
 */

import { isIdChar } from './tokenizer.js';
import { keyOf, PyDict, PyTuple, type PyLit } from './values.js';

/** Returned by the fast path when the text needs the full parser. */
const SLOW: unique symbol = Symbol('slow');

/**
 * A direct reader for the subset numpy's header writer produces: dicts,
 * lists and tuples of plain quoted strings (no prefix, escape or newline),
 * decimal ints, True/False/None, spaces and tabs, and a final newline. It
 * returns the same value the full parser would, or SLOW for anything else
 * (including every error case), so the full parser decides those. It does
 * not go deeper than FAST_MAX_DEPTH brackets, where CPython's limits
 * (bracket count, parser stack) cannot be reached.
 */
class FastReader {
  private pos: number;
  private depth = 0;
  constructor(
    private readonly s: string,
    start: number,
    private readonly maxDepth: number,
  ) {
    this.pos = start;
  }

  private skip(): number {
    const s = this.s;
    let p = this.pos;
    let c = s.charCodeAt(p);
    while (c === 0x20 || c === 0x09) c = s.charCodeAt(++p);
    this.pos = p;
    return c; // NaN at the end
  }

  /** The whole text: one value, then spaces/tabs and at most one newline. */
  top(): PyLit | typeof SLOW {
    const v = this.value();
    if (v === SLOW) return SLOW;
    const c = this.skip();
    if (c === 0x0a) this.pos++;
    return this.pos === this.s.length ? v : SLOW;
  }

  private value(): PyLit | typeof SLOW {
    const c = this.skip();
    const s = this.s;
    if (c === 0x27 || c === 0x22) {
      const start = this.pos + 1;
      let p = start;
      for (;;) {
        const d = s.charCodeAt(p);
        if (d === c) break;
        if (d !== d || d === 0x5c || d === 0x0a || d === 0x0d || d === 0 || (d >= 0xd800 && d <= 0xdfff)) return SLOW;
        p++;
      }
      if (p === start && s.charCodeAt(p + 1) === c) return SLOW; // ''' or """
      this.pos = p + 1;
      const next = this.skip();
      if (next === 0x27 || next === 0x22) return SLOW; // implicit concatenation
      return s.slice(start, p);
    }
    if (c >= 0x30 && c <= 0x39) {
      const start = this.pos;
      let p = start + 1;
      let d = s.charCodeAt(p);
      while (d >= 0x30 && d <= 0x39) d = s.charCodeAt(++p);
      // Not: a leading zero, '.', exponent, 'j', 'L', '_', prefix or any name char.
      if ((c === 0x30 && p > start + 1) || p - start > 300 || d === 0x2e || (d === d && (isIdChar(d) || d >= 0x80))) {
        return SLOW;
      }
      this.pos = p;
      if (p - start <= 15) {
        let n = 0;
        for (let k = start; k < p; k++) n = n * 10 + (s.charCodeAt(k) - 0x30);
        return BigInt(n);
      }
      return BigInt(s.slice(start, p));
    }
    if (c === 0x7b || c === 0x5b || c === 0x28) {
      if (++this.depth > this.maxDepth) return SLOW;
      this.pos++;
      const v = c === 0x7b ? this.dict() : c === 0x5b ? this.list() : this.tuple();
      this.depth--;
      return v;
    }
    let word: PyLit;
    let len: number;
    if (c === 0x54 && s.startsWith('True', this.pos)) (word = true), (len = 4);
    else if (c === 0x46 && s.startsWith('False', this.pos)) (word = false), (len = 5);
    else if (c === 0x4e && s.startsWith('None', this.pos)) (word = null), (len = 4);
    else return SLOW;
    const d = s.charCodeAt(this.pos + len);
    if (d === d && (isIdChar(d) || d >= 0x80)) return SLOW;
    this.pos += len;
    return word;
  }

  private dict(): PyLit | typeof SLOW {
    const dict = new PyDict();
    const keys: string[] = [];
    if (this.skip() === 0x7d) {
      this.pos++;
      return dict;
    }
    for (;;) {
      const k = this.value();
      // Only str/int/bool/None keys here: they are hashable and cheap to compare.
      if (k === SLOW || (typeof k === 'object' && k !== null)) return SLOW;
      if (this.skip() !== 0x3a) return SLOW;
      this.pos++;
      const v = this.value();
      if (v === SLOW) return SLOW;
      const hk = keyOf(k);
      const at = keys.indexOf(hk);
      if (at < 0) {
        keys.push(hk);
        dict.entries.push([k, v]);
      } else dict.entries[at]![1] = v;
      const c = this.skip();
      if (c === 0x2c) {
        this.pos++;
        if (this.skip() === 0x7d) {
          this.pos++;
          return dict;
        }
      } else if (c === 0x7d) {
        this.pos++;
        return dict;
      } else return SLOW;
    }
  }

  private list(): PyLit | typeof SLOW {
    const items: PyLit[] = [];
    if (this.skip() === 0x5d) {
      this.pos++;
      return items;
    }
    for (;;) {
      const v = this.value();
      if (v === SLOW) return SLOW;
      items.push(v);
      const c = this.skip();
      if (c === 0x2c) {
        this.pos++;
        if (this.skip() === 0x5d) {
          this.pos++;
          return items;
        }
      } else if (c === 0x5d) {
        this.pos++;
        return items;
      } else return SLOW;
    }
  }

  private tuple(): PyLit | typeof SLOW {
    if (this.skip() === 0x29) {
      this.pos++;
      return new PyTuple([]);
    }
    const first = this.value();
    if (first === SLOW) return SLOW;
    let c = this.skip();
    if (c === 0x29) {
      this.pos++;
      return first; // a parenthesised value, not a tuple
    }
    const items: PyLit[] = [first];
    for (;;) {
      if (c !== 0x2c) return SLOW;
      this.pos++;
      if (this.skip() === 0x29) break;
      const v = this.value();
      if (v === SLOW) return SLOW;
      items.push(v);
      c = this.skip();
      if (c === 0x29) break;
    }
    this.pos++;
    return new PyTuple(items);
  }
}

/** Deeper than this the fast path hands over (200 * 31 parser levels would pass MAXSTACK). */
const FAST_MAX_DEPTH = 150;

/**
 * The value of `text` (from offset `start`, after lstrip) when it is in the
 * shape numpy writes; undefined when it needs the full parser. `maxDepth`
 * is the caller's bracket limit. Only this function is exported: V8 reads
 * module-local bindings (the class, SLOW) faster than exported ones, which
 * shows at this speed.
 */
export function parseFast(text: string, start: number, maxDepth: number): PyLit | undefined {
  const v = new FastReader(text, start, Math.min(maxDepth, FAST_MAX_DEPTH)).top();
  return v === SLOW ? undefined : v;
}
