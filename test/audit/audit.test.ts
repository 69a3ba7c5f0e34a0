/**
 * The pickle audit against python-fixtures/audit (gen_audit.py): malicious
 * files built from raw opcodes, one or more per scanner-bypass class of
 * pickle-security.md, and benign files written by CPython 3, Python 2.7 and
 * numpy. Also: every pickle of python-fixtures/pickle that `loads` accepts
 * and every conformance file audits as not dangerous; truncated and mutated
 * input gives a report, never an exception.
 */
import { expect } from 'chai';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatBytes } from '../../src/io/concat.js';
import { zipBytes } from '../../src/npz/zip-write.js';
import { setLazyReading } from '../../src/pickle/audit-cursors.js';
import {
  audit, auditExitCode, auditPath, auditSource, DANGEROUS, formatAuditReport, loads, type AuditReport, type ByteSource,
} from '../../src/node/index.js';
import { fixture, readJSON, seededRandom, SHARED } from '../helpers.js';

interface Case {
  file: string;
  set: 'malicious' | 'benign';
  technique: string;
  verdict: string;
  globals: string[];
  findings: string[];
}

const cases = readJSON<Case[]>(fixture('audit', 'manifest.json'));
const bytesOf = (c: Case) => new Uint8Array(readFileSync(fixture('audit', c.file)));
const dangerousGlobals = (r: AuditReport) => r.globals.filter((g) => g.class === 'dangerous').map((g) => g.qualname);

describe('audit: malicious fixtures', () => {
  const bad = cases.filter((c) => c.set === 'malicious');
  it('has at least 100 of them', () => expect(bad.length).to.be.at.least(100));
  for (const c of bad) {
    it(`flags ${c.file} (${c.technique})`, () => {
      const r = audit(bytesOf(c), { name: c.file });
      expect(r.verdict, formatAuditReport(r)).to.equal(c.verdict);
      expect(dangerousGlobals(r)).to.include.members(c.globals);
      expect(r.findings.map((f) => f.kind)).to.include.members(c.findings);
      expect(auditExitCode(r)).to.equal(c.verdict === 'dangerous' ? 1 : 0);
      expect(auditExitCode(r, { strict: true })).to.equal(1);
    });
  }
});

describe('audit: benign fixtures', () => {
  const good = cases.filter((c) => c.set === 'benign');
  it('has numpy, stdlib, protocol 5, torch-style and Python 2.7 files', () => {
    expect(good.length).to.be.at.least(40);
    expect(good.filter((c) => c.file.includes('py2-')).length).to.be.at.least(30);
  });
  for (const c of good) {
    it(`finds ${c.file} safe (${c.technique})`, () => {
      const r = audit(bytesOf(c), { name: c.file });
      expect(r.verdict, formatAuditReport(r)).to.equal('safe');
      expect(r.errors).to.deep.equal([]);
      expect(auditExitCode(r, { strict: true })).to.equal(0);
    });
  }

  it('names what a torch checkpoint imports and how it uses it', () => {
    const r = audit(bytesOf(good.find((c) => c.file.endsWith('torch-checkpoint.pt'))!));
    const rebuild = r.globals.find((g) => g.qualname === 'torch._utils._rebuild_tensor_v2')!;
    expect(rebuild.member).to.equal('archive/data.pkl');
    expect(rebuild.uses.map((u) => u.op)).to.deep.equal(['REDUCE', 'REDUCE']);
    expect(r.globals.map((g) => g.qualname)).to.include.members(['collections.OrderedDict', 'torch.FloatStorage']);
    expect(r.findings.filter((f) => f.kind === 'persistent-id')).to.have.length(2);
  });

  it('keeps the name as written and after the Python 2 mapping', () => {
    const r = audit(bytesOf(good.find((c) => c.file === 'benign/py2-pickle-sets-p0.pkl')!));
    const xr = r.globals.find((g) => g.name === 'xrange')!;
    expect([xr.module, xr.mappedModule, xr.mappedName, xr.class]).to.deep.equal(['__builtin__', 'builtins', 'range', 'safe']);
  });
});

describe('audit: what it reports', () => {
  const one = (name: string) => audit(bytesOf(cases.find((c) => c.file === `malicious/${name}`)!));

  it('gives every import offset and every use of a global', () => {
    const r = one('os-system-p0.pkl');
    expect(r.globals).to.have.length(1);
    const g = r.globals[0]!;
    expect([g.module, g.name, g.offsets, g.uses, g.via]).to.deep.equal(['os', 'system', [0], [{ op: 'REDUCE', offset: 27 }], ['GLOBAL']]);
    expect(g.reason).to.match(/process/);
  });

  it('reports calls through INST, OBJ and EXT by their opcode', () => {
    expect(one('inst-p0.pkl').globals[0]!.uses.map((u) => u.op)).to.deep.equal(['INST']);
    expect(one('obj-popped-p1.pkl').globals[0]!.uses.map((u) => u.op)).to.deep.equal(['OBJ']);
    const ext = one('ext-after-add-extension.pkl').globals.find((g) => g.qualname === 'os.system')!;
    expect(ext.via).to.deep.equal(['EXT']);
  });

  it('keeps what it saw before an error, and says where it stopped', () => {
    const r = one('broken-tail.pkl');
    expect(dangerousGlobals(r)).to.deep.equal(['os.system']);
    expect(r.errors).to.have.length(1);
    expect(r.errors[0]!.offset).to.equal(29);
    expect(r.streams[0]!.complete).to.equal(false);
  });

  it('audits every stream after a STOP', () => {
    const r = one('three-streams-broken.pkl');
    expect(r.streams.map((s) => [s.offset, s.origin, s.complete])).to.deep.equal([[0, 'file', true], [3, 'after STOP', true], [6, 'after STOP', false]]);
    expect(r.globals[0]!.stream).to.equal(2);
  });

  it('reads a stream with a FRAME desync again, as pickle.load reads a file', () => {
    const r = one('frame-hidden-payload.pkl');
    expect(r.streams.map((s) => [s.origin, s.parent])).to.deep.equal([['file', null], ['FRAME desync: as pickle.load reads a file', 0]]);
    expect(r.globals.map((g) => [g.qualname, g.stream])).to.deep.equal([['os.system', 1]]);
  });

  it('reports nested pickles as streams of their own under the outer global', () => {
    const r = one('nested-twice.pkl');
    expect(r.streams.map((s) => s.parent)).to.deep.equal([null, 0, 1]);
    expect(r.streams[2]!.origin).to.match(/^nested: pickle\.loads at byte \d+$/);
    expect(r.globals.find((g) => g.qualname === 'os.system')!.stream).to.equal(2);
  });

  it('is JSON-serialisable as it is', () => {
    const r = one('zip-duplicate.pt');
    expect(JSON.parse(JSON.stringify(r))).to.deep.equal(r);
  });

  it('prints a table, coloured on request', () => {
    const r = one('posixpath-os-system-dotted.pkl');
    const text = formatAuditReport(r);
    expect(text).to.match(/DANGEROUS/).and.match(/posixpath\.os\.system/).and.match(/dotted-name/);
    expect(text).not.to.include('\x1b[');
    expect(formatAuditReport([r, r], { colour: true })).to.include('\x1b[31m');
  });

  it('exits 2 for a file it could not read to the end, 0 for one that is not a pickle', () => {
    const truncated = audit(Uint8Array.from([0x80, 0x04, 0x8c, 0x05, 0x61]));
    expect(truncated.verdict).to.equal('inconclusive');
    expect(auditExitCode(truncated)).to.equal(2);
    const text = audit(new TextEncoder().encode('Hello, world'));
    expect([text.kind, text.verdict, auditExitCode(text)]).to.deep.equal(['not-pickle', 'safe', 0]);
    // 'a' is APPEND, which fails on an empty stack before anything runs
    const apple = audit(new TextEncoder().encode('apple'));
    expect([apple.kind, apple.verdict, apple.streams]).to.deep.equal(['not-pickle', 'safe', []]);
    const sevenZip = audit(Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]));
    expect(sevenZip.verdict).to.equal('unknown');
  });

  it('takes a file path in Node, and refuses a directory there', () => {
    const c = cases.find((x) => x.file === 'malicious/torch-like.pt')!;
    const r = audit(fixture('audit', c.file));
    expect([r.name, r.verdict, r.kind]).to.deep.equal([fixture('audit', c.file), 'dangerous', 'zip']);
    expect(() => audit(fixture('audit'))).to.throw(/auditPath walks directories/);
  });

  it('walks a directory, every file whatever its extension', () => {
    const reports = auditPath(fixture('audit', 'malicious'));
    expect(reports).to.have.length(cases.filter((c) => c.set === 'malicious').length);
    expect(auditExitCode(reports)).to.equal(1);
  });

  it('keeps the dangerous list as data, with a reason and the Python 2 aliases', () => {
    const patterns = new Set(DANGEROUS.map((d) => d.pattern));
    for (const p of ['__builtin__.eval', 'builtins.eval', 'cPickle.*', 'commands.*', 'posix.*', 'nt.*', 'runpy.*', 'pip.*', 'ctypes.*']) {
      expect(patterns, p).to.include(p);
    }
    expect(DANGEROUS.every((d) => d.reason.length > 0)).to.equal(true);
  });
});

describe('audit: lazy reading of large pickles', () => {
  /** A source over bytes in memory that counts what it was asked for. */
  const counting = (bytes: Uint8Array) => {
    const stats = { read: 0 };
    const src: ByteSource = {
      size: bytes.length,
      name: 'counted',
      read(offset, length) {
        stats.read += length;
        return bytes.subarray(offset, offset + length);
      },
    };
    return { stats, src };
  };
  const u64 = (n: number) => Uint8Array.from({ length: 8 }, (_, i) => Math.floor(n / 2 ** (8 * i)) & 0xff);
  const ascii = (s: string) => new TextEncoder().encode(s);
  /** PROTO 4, a STACK_GLOBAL of module.name, BINBYTES8 of `payload`, TUPLE1 REDUCE STOP. */
  const callWithBytes = (module: string, name: string, payload: Uint8Array) => concatBytes([
    Uint8Array.of(0x80, 4, 0x8c, module.length), ascii(module), Uint8Array.of(0x8c, name.length), ascii(name), Uint8Array.of(0x93, 0x8e),
    u64(payload.length), payload, Uint8Array.of(0x85, 0x52, 0x2e),
  ]);

  it('gives the same report as reading the whole file, for every fixture', () => {
    for (const c of cases) {
      const bytes = bytesOf(c);
      expect(auditSource(counting(bytes).src, { name: c.file }), c.file).to.deep.equal(audit(bytes, { name: c.file }));
    }
  });

  /** The same source, with `readInto` (as files have it) besides `read`. */
  const withReadInto = (src: ByteSource): ByteSource => ({ ...src, readInto: (at, target) => target.set(src.read(at, target.length)) });

  for (const skipAt of [1, 1e9]) {
    it(`gives the same report read a few bytes at a time, ${skipAt === 1 ? 'every payload skipped' : 'every payload read'}, for every fixture and cut`, () => {
      // windows of a few bytes: every opcode's argument crosses one, and the window moves in and out of its buffer
      setLazyReading({ minChunk: 1, maxChunk: 4, window: 8, skipAt, head: 1 });
      try {
        cases.forEach((c, i) => {
          const bytes = bytesOf(c);
          const src = counting(bytes).src;
          expect(auditSource(i % 2 ? withReadInto(src) : src, { name: c.file }), c.file).to.deep.equal(audit(bytes, { name: c.file }));
        });
        // truncated files: every cut of a few pickles with payloads, nested pickles and frames
        for (const file of ['malicious/os-system-p4.pkl', 'malicious/nested-pickle-loads.pkl', 'malicious/nested-zlib.pkl', 'benign/dict-of-arrays-p4.pkl']) {
          const bytes = bytesOf(cases.find((c) => c.file === file)!);
          for (let n = 1; n < bytes.length; n += Math.max(1, Math.floor(bytes.length / 100))) {
            const cut = bytes.subarray(0, n);
            expect(auditSource(counting(cut).src, { name: file }), `${file} cut at ${n}`).to.deep.equal(audit(cut, { name: file }));
          }
        }
      } finally {
        setLazyReading(null);
      }
    });
  }

  it('skips array payloads unread', () => {
    const big = callWithBytes('numpy', 'frombuffer', new Uint8Array(4 << 20));
    const { stats, src } = counting(big);
    const r = auditSource(src);
    expect(r.verdict).to.equal('unknown');
    expect(stats.read).to.be.below(200_000);
  });

  it('reads a skipped payload when a loader is handed it', () => {
    const inner = concatBytes([bytesOf(cases.find((c) => c.file === 'malicious/os-system-p4.pkl')!), new Uint8Array(300_000)]);
    const big = callWithBytes('pickle', 'loads', inner);
    const r = auditSource(counting(big).src);
    expect(r).to.deep.equal(audit(big, { name: r.name }));
    expect(dangerousGlobals(r)).to.include('os.system');
  });

  it('reads a large stored zip member lazily, a nested payload in it included', () => {
    const inner = concatBytes([bytesOf(cases.find((c) => c.file === 'malicious/os-system-p4.pkl')!), new Uint8Array(100)]);
    const dataPkl = callWithBytes('pickle', 'loads', concatBytes([inner, new Uint8Array(65 << 20)]));
    const zip = zipBytes([
      { name: 'archive/data.pkl', data: dataPkl, compress: false },
      { name: 'archive/data/0', data: new Uint8Array(1000), compress: false },
    ]);
    const { stats, src } = counting(zip);
    const r = auditSource(src);
    expect(dangerousGlobals(r)).to.include.members(['pickle.loads', 'os.system']);
    expect(r.globals.every((g) => g.member === 'archive/data.pkl')).to.equal(true);
    expect(r.errors).to.deep.equal([]);
    // the CRC pass reads the member once, the nested payload is read once more when pickle.loads gets it
    expect(stats.read).to.be.below(2 * zip.length + (1 << 20));
  });

  it('audits a raw pickle past 4 GiB (a sparse file): payloads skipped, offsets exact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npyio-audit-'));
    try {
      const path = join(dir, 'huge.pkl');
      // PROTO 4, two BINBYTES8 of 2 GiB + a few bytes, each POPped, then os.system('echo') by STACK_GLOBAL
      const n1 = 2 ** 31 + 5;
      const n2 = 2 ** 31 + 7;
      const at2 = 2 + 9 + n1 + 1;
      const tailAt = at2 + 9 + n2 + 1;
      const tail = concatBytes([
        Uint8Array.of(0x8c, 2), ascii('os'), Uint8Array.of(0x8c, 6), ascii('system'), Uint8Array.of(0x93),
        Uint8Array.of(0x8c, 4), ascii('echo'), Uint8Array.of(0x85, 0x52, 0x2e),
      ]);
      const fd = openSync(path, 'w');
      try {
        writeSync(fd, concatBytes([Uint8Array.of(0x80, 4, 0x8e), u64(n1)]), 0, 11, 0);
        writeSync(fd, concatBytes([Uint8Array.of(0x30, 0x8e), u64(n2)]), 0, 10, at2 - 1);
        writeSync(fd, concatBytes([Uint8Array.of(0x30), tail]), 0, tail.length + 1, tailAt - 1);
      } finally {
        closeSync(fd);
      }
      const r = audit(path);
      expect(r.size).to.equal(tailAt + tail.length);
      expect([r.verdict, r.errors, r.streams[0]!.end]).to.deep.equal(['dangerous', [], r.size]);
      const g = r.globals.find((x) => x.qualname === 'os.system')!;
      expect([g.offsets, g.uses]).to.deep.equal([[tailAt + 12], [{ op: 'REDUCE', offset: tailAt + 20 }]]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('is what audit(path) does for a large raw pickle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'npyio-audit-'));
    try {
      const path = join(dir, 'big.pkl');
      const inner = bytesOf(cases.find((c) => c.file === 'malicious/os-system-p4.pkl')!);
      writeFileSync(path, concatBytes([callWithBytes('pickle', 'loads', concatBytes([inner, new Uint8Array(17 << 20)]))]));
      const r = audit(path);
      expect([r.verdict, r.size > 16 << 20]).to.deep.equal(['dangerous', true]);
      expect(dangerousGlobals(r)).to.include.members(['pickle.loads', 'os.system']);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('audit: existing fixtures', () => {
  it('finds no pickle that loads accepts dangerous (python-fixtures/pickle)', () => {
    const dir = fixture('pickle');
    let checked = 0;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.pkl'))) {
      const bytes = new Uint8Array(readFileSync(join(dir, f)));
      const loadable = [{}, { encoding: 'latin1' }, { encoding: 'bytes' }].some((o) => {
        try {
          loads(bytes, o);
          return true;
        } catch {
          return false;
        }
      });
      if (!loadable) continue;
      checked++;
      const r = audit(bytes, { name: f });
      // PROTO in mid-stream is reported as suspicious (unknown), never as dangerous
      const expected = /proto-middle|then-p2/.test(f) ? 'unknown' : 'safe';
      expect(r.verdict, `${f}\n${formatAuditReport(r)}`).to.equal(expected);
    }
    expect(checked).to.be.at.least(1500);
  });

  it('finds no conformance file dangerous (shared/conformance)', () => {
    const dir = join(SHARED, 'conformance', 'numpy-data');
    const files = readdirSync(dir).filter((n) => /\.(pkl|npy|npz)$/.test(n));
    expect(files.length).to.be.at.least(5);
    for (const f of files) {
      const r = audit(new Uint8Array(readFileSync(join(dir, f))), { name: f });
      expect(r.verdict, `${f}\n${formatAuditReport(r)}`).to.equal('safe');
    }
  });
});

describe('audit: never crashes', () => {
  // (the billion-laughs file is left out: its 50 KB make every-prefix quadratic)
  const pickles = cases.filter((c) => c.set === 'malicious' && c.file.endsWith('.pkl') && bytesOf(c).length < 4096);

  it('never calls a prefix of a pickle safe before its first STOP', () => {
    for (const c of pickles) {
      const bytes = bytesOf(c);
      const firstStop = audit(bytes).streams[0]?.end ?? bytes.length;
      for (let n = 1; n < Math.min(firstStop, bytes.length); n++) {
        const r = audit(bytes.subarray(0, n));
        expect(r.verdict, `${c.file} cut at ${n}`).to.be.oneOf(['dangerous', 'inconclusive', 'unknown']);
      }
    }
  });

  it('gives a report for mutated input (seeded fuzz)', () => {
    const rnd = seededRandom(20261122);
    const all = cases.map(bytesOf);
    for (let i = 0; i < 3000; i++) {
      const b = all[Math.floor(rnd() * all.length)]!.slice();
      for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      const r = audit(b.subarray(0, Math.floor(rnd() * (b.length + 1))));
      expect(r.verdict).to.be.a('string');
    }
  });
});
