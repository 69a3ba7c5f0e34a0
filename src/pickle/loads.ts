/**
 * `loads`: one pickle from bytes, with the default registry (builtins,
 * datetime, decimal, collections and numpy) unless the caller gives one.
 */
import { registerBuiltins } from './builtins.js';
import { Machine, type UnpickleOptions } from './machine.js';
import { registerNumpy } from './numpy.js';
import { Registry } from './registry.js';

let shared: Registry | undefined;

/** The default allowlist: small and safe (see registry.ts, builtins.ts, numpy.ts). */
export function defaultRegistry(): Registry {
  if (shared === undefined) {
    shared = new Registry();
    registerBuiltins(shared);
    registerNumpy(shared);
  }
  return new Registry(shared);
}

export interface LoadsOptions extends UnpickleOptions {
  /** Accept classes matching these patterns as opaque PyObjects ('module.Name', 'module.*' or a RegExp). */
  allowOpaque?: readonly (string | RegExp)[];
}

function registryFor(opts: LoadsOptions): Registry {
  const base = opts.registry ?? (shared ? shared : defaultRegistry());
  if (!opts.allowOpaque?.length) return base;
  const r = new Registry(base);
  for (const p of opts.allowOpaque) r.allowOpaque(p);
  return r;
}

/** CPython's `pickle.loads`: the value of the first pickle in `bytes`; bytes after its STOP are ignored. */
export function loads(bytes: Uint8Array, opts: LoadsOptions = {}): unknown {
  return unpickleAt(bytes, 0, opts).value;
}

/** One pickle starting at `offset`; `end` is the offset just past its STOP. */
export function unpickleAt(bytes: Uint8Array, offset: number, opts: LoadsOptions = {}): { value: unknown; end: number } {
  const m = new Machine(bytes, offset, registryFor(opts), opts);
  const value = m.run();
  return { value, end: m.cursor.pos };
}
