/**
 * How `np.load(allow_pickle=True)` runs the unpickler and reports its
 * failures, which differ by branch:
 * - an object array in a .npy: a UnicodeError becomes numpy's "Unpickling a
 *   python object failed ... pass the encoding= option", anything else comes
 *   out as it is;
 * - a file that is neither npy nor zip: every failure becomes
 *   "Failed to interpret file {file!r} as a pickle", with the cause kept.
 */
import { NpyioError, UnpicklingError } from '../errors.js';
import { pyBytesRepr, pyStrRepr } from '../npy/pyrepr.js';
import { unpickleAt, type LoadsOptions } from './loads.js';
import type { DecodeErrorDetail } from './text.js';

function decodeErrorRepr(e: NpyioError): string {
  const d = (e as { detail?: DecodeErrorDetail }).detail;
  if (d === undefined) return `${e.pythonType}(${pyStrRepr(e.message)})`;
  return `UnicodeDecodeError(${pyStrRepr(d.codec)}, ${pyBytesRepr(d.object)}, ${d.start}, ${d.end}, ${pyStrRepr(d.reason)})`;
}

/** The pickle after a .npy header whose dtype holds objects. */
export function unpickleNpyObjects(bytes: Uint8Array, opts: LoadsOptions, offset: number): unknown {
  try {
    return unpickleAt(bytes, 0, opts).value;
  } catch (e) {
    if (e instanceof NpyioError && /^Unicode(De|En)?codeError$|^UnicodeError$/.test(e.pythonType)) {
      throw new UnpicklingError(
        `Unpickling a python object failed: ${decodeErrorRepr(e)}\nYou may need to pass the encoding= option to numpy.load`,
        { pythonType: 'UnicodeError', cause: e, offset: offset + (e.offset ?? 0) },
      );
    }
    if (e instanceof NpyioError && e.offset !== undefined) Object.assign(e, { offset: offset + e.offset });
    throw e;
  }
}

/** A whole file that numpy hands to pickle.load. */
export function unpickleFile(bytes: Uint8Array, opts: LoadsOptions, name: string): unknown {
  try {
    return unpickleAt(bytes, 0, opts).value;
  } catch (e) {
    throw new UnpicklingError(`Failed to interpret file ${name} as a pickle`, {
      cause: e,
      offset: e instanceof NpyioError ? e.offset : undefined,
    });
  }
}
