/**
 * Fuzz targets: every parser npyio exposes, run on one input. An input ends
 * in a value or a typed error (an NpyioError); any other exception is a
 * finding, reported with the target that raised it.
 */
import { audit, auditSource } from '../../src/audit/audit-file.js';
import { inspectSource } from '../../src/cli/inspect.js';
import { NpyioError } from '../../src/errors.js';
import { bytesSource } from '../../src/io/source.js';
import { loadSync, readHeaderBytes } from '../../src/node/index.js';
import { NpzFile } from '../../src/npz/npzfile.js';
import { dis } from '../../src/pickle/dis.js';
import { loads } from '../../src/pickle/loads.js';
import { setLazyReading } from '../../src/pickle/audit-cursors.js';
import { toPyJSONText } from '../../src/pyjson.js';

export interface Finding {
  readonly target: string;
  readonly error: string;
  readonly stack: string;
}

export interface TargetResult {
  /** 'value' or the class of the typed error `load` gave (allowPickle on). */
  readonly outcome: string;
  readonly finding?: Finding;
}

class Found extends Error {
  constructor(readonly finding: Finding) {
    super(finding.error);
  }
}

/** Runs `f`; a typed error is an outcome, anything else a finding. */
function attempt<T>(target: string, f: () => T): T | NpyioError {
  try {
    return f();
  } catch (e) {
    if (e instanceof NpyioError) return e;
    if (e instanceof Found) throw e;
    const err = e instanceof Error ? e : new Error(String(e));
    throw new Found({ target, error: `${err.name}: ${err.message}`.slice(0, 2000), stack: String(err.stack).slice(0, 4000) });
  }
}

/** What was loaded, printed as pyjson (members of an archive one by one). */
function printLoaded(what: string, value: unknown): void {
  if (value instanceof NpzFile) {
    for (const name of value.files) {
      const member = attempt(`${what} member ${JSON.stringify(name)}`, () => value.get(name));
      if (!(member instanceof NpyioError)) attempt(`toPyJSON of ${what} member`, () => toPyJSONText(member));
    }
  } else {
    attempt(`toPyJSON of ${what}`, () => toPyJSONText(value));
  }
}

export function runTargets(bytes: Uint8Array, encoding: 'ASCII' | 'latin1' | 'bytes'): TargetResult {
  try {
    const loaded = attempt('loadSync allowPickle', () => loadSync(bytes, { allowPickle: true, encoding }));
    if (!(loaded instanceof NpyioError)) printLoaded('loadSync', loaded);
    const strict = attempt('loadSync', () => loadSync(bytes, { encoding }));
    if (!(strict instanceof NpyioError) && strict instanceof NpzFile) printLoaded('loadSync', strict);
    if (bytes[0] === 0x93) attempt('readHeader', () => readHeaderBytes(bytes));
    else if (bytes[0] !== 0x50) {
      const value = attempt('loads', () => loads(bytes, { encoding: encoding === 'ASCII' ? 'cp437' : encoding }));
      if (!(value instanceof NpyioError)) attempt('toPyJSON of loads', () => toPyJSONText(value));
      attempt('dis', () => dis(bytes));
    }
    const report = attempt('audit', () => audit(bytes));
    // read lazily a few bytes at a time, payloads skipped: the same report, or a finding
    attempt('audit read lazily', () => {
      setLazyReading({ minChunk: 1, maxChunk: 4, window: 8, skipAt: 2, head: 1 });
      try {
        if (JSON.stringify(auditSource(bytesSource(bytes))) !== JSON.stringify(report)) throw new Error('a lazily read audit differs from the whole input\'s');
      } finally {
        setLazyReading(null);
      }
    });
    attempt('inspect', () => inspectSource(bytesSource(bytes), 'fuzz'));
    return { outcome: loaded instanceof NpyioError ? loaded.constructor.name : 'value' };
  } catch (e) {
    if (e instanceof Found) return { outcome: 'finding', finding: e.finding };
    throw e;
  }
}
