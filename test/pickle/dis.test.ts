import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dis, disText, MAX_INDENT_LEVELS } from '../../src/pickle/dis.js';
import { UnpicklingError } from '../../src/errors.js';
import { fixture, readJSON, seededRandom } from '../helpers.js';

interface Stream {
  start: number;
  text: string;
  error: { class: string; message: string } | null;
}

interface Case {
  file: string;
  /** For archive members (test/cli/dis.test.ts): the member's key. */
  key?: string;
  start: number;
  streams: Stream[];
}

/** pickletools' own checks: where it raises these, our error line carries the same words. */
const PICKLETOOLS_CHECKS = [
  /^memo key .* already defined$/, /^stack is empty -- can't store into memo$/, /^can't store markobject in the memo$/,
  /^memo key .* has never been stored into$/, /^no MARK exists on stack$/, /^tries to pop \d+ items from stack with only \d+ items$/,
  /^stack not empty after STOP: /, /^pickle exhausted before seeing STOP$/,
];

const C_READS = "CPython's C unpickler (the table's readers) refuses it; pickletools reads it";
const C_ACCEPTS = "pickletools' int() reads base 10 and fails; the C unpickler reads base 0 (strtol, then int(text, 0))";
const SURROGATES = 'a JS string cannot tell two encoded surrogates from the character they pair into';

/**
 * Where our output differs from pickletools' on purpose: our first line
 * that differs, and why. Each follows CPython's C unpickler where pickletools
 * does something else.
 */
const DEVIATIONS: Record<string, { line: string; why: string }> = {
  'dis/int-octal.pkl': { line: '    0: I    INT        8', why: 'INT in base 0: 010 is octal for the C unpickler, 10 for pickletools' },
  'pickle/op-int-octal-010.pkl': { line: '    0: I    INT        8', why: 'INT in base 0: 010 is octal for the C unpickler, 10 for pickletools' },
  'dis/string-nonascii.pkl': { line: "    0: S    STRING     '\u00e9t\u00e9'", why: 'pickletools decodes STRING as ASCII and fails; the unpickler keeps the bytes (shown as latin-1)' },
  'dis/mark-taken.pkl': { line: '    2: t        TUPLE      the MARK at 0 was taken off the stack as an item', why: 'TUPLE1 popped the MARK as an item: pickletools then fails with an IndexError' },
  'pickle/bad-quoted-00.pkl': { line: 'error at byte 0: the STRING opcode argument must be quoted', why: C_READS },
  'pickle/bad-quoted-01.pkl': { line: 'error at byte 0: the STRING opcode argument must be quoted', why: C_READS },
  'pickle/op-float-1e400.pkl': { line: "error at byte 0: value too large to convert to float: '1e400'", why: C_READS },
  'pickle/op-float-cr.pkl': { line: "error at byte 0: could not convert string to float: '1.5\\x0d'", why: C_READS },
  'pickle/op-float-lead-space.pkl': { line: "error at byte 0: could not convert string to float: ' 1.5'", why: C_READS },
  'pickle/op-float-trail-space.pkl': { line: "error at byte 0: could not convert string to float: '1.5 '", why: C_READS },
  'pickle/op-float-underscore.pkl': { line: "error at byte 0: could not convert string to float: '1_0.5'", why: C_READS },
  'pickle/op-int-01-cr.pkl': { line: "error at byte 0: invalid literal for int() with base 0: '01\\r'", why: C_READS },
  'pickle/op-long-octal-010.pkl': { line: "error at byte 0: invalid literal for int() with base 0: '010'", why: C_READS },
  'pickle/op-int-0b101.pkl': { line: '    0: I    INT        5', why: C_ACCEPTS },
  'pickle/op-int-0o17.pkl': { line: '    0: I    INT        15', why: C_ACCEPTS },
  'pickle/op-int-hex.pkl': { line: '    0: I    INT        42', why: C_ACCEPTS },
  'pickle/op-int-nul.pkl': { line: '    0: I    INT        1', why: 'the C unpickler ends INT text at a NUL' },
  'pickle/op-long-hex.pkl': { line: '    0: L    LONG       16', why: C_ACCEPTS },
  'pickle/op-unicode-surrogate-pair.pkl': { line: "    0: V    UNICODE    '\u{1f600}'", why: SURROGATES },
  'pickle/op-binunicode-pair-as-surrogates.pkl': { line: "    0: X    BINUNICODE '\u{1f600}'", why: SURROGATES },
};

function ourLines(c: Case): string[] {
  return dis(new Uint8Array(readFileSync(fixture(c.file))), { start: c.start }).lines;
}

/** What pickletools printed, stream by stream, with our line between streams. */
function theirLines(c: Case): string[] {
  const out: string[] = [];
  c.streams.forEach((s, i) => {
    if (i > 0) out.push(`another pickle stream starts at byte ${s.start} (${statSize(c) - s.start} bytes after STOP)`);
    out.push(...s.text.split('\n').slice(0, -1));
  });
  return out;
}

const sizes = new Map<string, number>();
function statSize(c: Case): number {
  if (!sizes.has(c.file)) sizes.set(c.file, readFileSync(fixture(c.file)).length);
  return sizes.get(c.file)!;
}

describe('dis', () => {
  const cases = readJSON<Case[]>(fixture('dis', 'cases.json')).filter((c) => c.key === undefined);

  it('prints what pickletools.dis prints for every valid pickle of the sample', () => {
    let n = 0;
    for (const c of cases) {
      if (c.streams.some((s) => s.error !== null) || c.file in DEVIATIONS) continue;
      expect(ourLines(c), c.file).to.deep.equal(theirLines(c));
      n++;
    }
    expect(n).to.be.greaterThan(600);
  });

  it('prints the lines pickletools prints before it fails, then one error line with the byte offset', () => {
    let n = 0;
    for (const c of cases) {
      const last = c.streams[c.streams.length - 1]!;
      if (last.error === null || c.file in DEVIATIONS) continue;
      const ours = ourLines(c);
      const theirs = theirLines(c);
      if (last.error.class === 'UnicodeDecodeError') {
        // pickletools cannot decode a non-ASCII STRING or GLOBAL; we print it and go on
        expect(ours.slice(0, theirs.length), c.file).to.deep.equal(theirs);
        continue;
      }
      const error = ours[ours.length - 1]!;
      expect(error, c.file).to.match(/^error at byte \d+: /);
      expect(ours.slice(0, -1), c.file).to.deep.equal(theirs);
      if (PICKLETOOLS_CHECKS.some((re) => re.test(last.error!.message))) {
        expect(error.replace(/^error at byte \d+: /, ''), c.file).to.equal(last.error.message);
      }
      n++;
    }
    expect(n).to.be.greaterThan(150);
  });

  it('differs from pickletools only where DEVIATIONS says why', () => {
    for (const [file, d] of Object.entries(DEVIATIONS)) {
      const c = cases.find((x) => x.file === file)!;
      const theirs = theirLines(c);
      const ours = ourLines(c);
      const first = ours.findIndex((l, i) => l !== theirs[i]);
      expect(first, `${file} no longer differs: remove it from DEVIATIONS`).to.be.greaterThanOrEqual(0);
      expect(ours[first], `${file}: ${d.why}`).to.equal(d.line);
    }
  });

  it('goes on past STOP to the next stream with a fresh memo, where pickletools stops', () => {
    const c = cases.find((x) => x.file === 'dis/three-streams-p0.pkl')!;
    const r = dis(new Uint8Array(readFileSync(fixture(c.file))));
    expect(r.streams).to.equal(3);
    expect(r.error).to.equal(undefined);
    expect(r.lines.filter((l) => l.startsWith('another pickle stream'))).to.have.length(2);
  });

  it('reports the error as a typed UnpicklingError with the offset of the failing opcode', () => {
    const r = dis(Uint8Array.of(0x80, 0x02, 0x4b, 0x01, 0xff, 0x2e));
    expect(r.error).to.be.instanceOf(UnpicklingError);
    expect(r.error!.offset).to.equal(4);
    expect(r.lines[r.lines.length - 1]).to.equal("error at byte 4: opcode b'\\xff' unknown");
  });

  it('never throws on truncations and random bytes', () => {
    const base = new Uint8Array(readFileSync(fixture('dis', 'frame.pkl')));
    for (let n = 0; n < base.length; n++) {
      const r = dis(base.subarray(0, n));
      expect(r.error, `length ${n}`).to.be.instanceOf(UnpicklingError);
    }
    const random = seededRandom(7);
    for (let k = 0; k < 300; k++) {
      const b = new Uint8Array(1 + (k % 40));
      for (let i = 0; i < b.length; i++) b[i] = Math.floor(random() * 256);
      const r = dis(b);
      expect(r.lines.length).to.be.greaterThan(0);
    }
  });

  it('stops indenting at MAX_INDENT_LEVELS open MARKs, keeping the exact depth', () => {
    const n = 20000;
    const b = new Uint8Array(n + 1).fill(0x28); // MARK * n, then STOP
    b[n] = 0x2e;
    const r = dis(b);
    expect(r.ops[n - 1]!.depth).to.equal(n - 1);
    expect(r.ops[n - 1]!.text.length).to.equal('19999: (    '.length + 4 * MAX_INDENT_LEVELS + 'MARK'.length);
    expect(r.error!.message).to.equal('stack not empty after STOP: [' + Array(n - 1).fill('mark').join(', ') + ']');
  });

  it('offsets count from the start of the bytes when the pickle follows an .npy header', () => {
    const c = cases.find((x) => x.file === 'dis/objects.npy')!;
    expect(c.start).to.be.greaterThan(0);
    expect(disText(new Uint8Array(readFileSync(fixture(c.file))), { start: c.start })).to.equal(c.streams[0]!.text);
  });
});
