/**
 * The audit's verdict on one global, allowlist first (pickle-security.md
 * rule 3): an exact `module.qualname` on the safe list is `safe`; anything
 * else is `unknown`, raised to `dangerous` by the curated list
 * (dangerous.ts) or by being a dotted name.
 */
import type { GlobalClass } from './audit-report.js';
import { dangerOf } from './dangerous.js';
import { defaultRegistry } from './loads.js';

/**
 * Safe for the audit only (the unpickler does not need them): what a PyTorch
 * checkpoint's data.pkl imports to rebuild tensors from its storages.
 */
const TORCH_SAFE: readonly string[] = [
  'torch._utils._rebuild_tensor', 'torch._utils._rebuild_tensor_v2', 'torch._utils._rebuild_tensor_v3',
  'torch._utils._rebuild_parameter', 'torch._utils._rebuild_parameter_with_state', 'torch._utils._rebuild_qtensor',
  'torch._utils._rebuild_sparse_tensor', 'torch._utils._rebuild_device_tensor_from_numpy',
  'torch.Size', 'torch.device', 'torch.storage.UntypedStorage', 'torch.UntypedStorage', 'torch.storage.TypedStorage',
  ...['Double', 'Float', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool', 'ComplexDouble', 'ComplexFloat',
    'QUInt8', 'QInt8', 'QInt32', 'QUInt4x2', 'QUInt2x4'].map((t) => `torch.${t}Storage`),
  ...['float64', 'float32', 'float16', 'bfloat16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool', 'complex64',
    'complex128'].map((t) => `torch.${t}`),
];

let safe: ReadonlySet<string> | undefined;

/** The exact allowlist: what the default registry allows, plus the torch rebuild helpers. */
export function safeGlobals(): ReadonlySet<string> {
  safe ??= new Set([...defaultRegistry().allowedNames(), ...TORCH_SAFE]);
  return safe;
}

export function qualnameOf(module: string, name: string): string {
  return name === '' ? module : `${module}.${name}`;
}

/** Class and reason of a global, from its mapped name (and its written one, for Python 2 spellings). */
export function classify(module: string, name: string, mappedModule: string, mappedName: string): { class: GlobalClass; reason: string | null } {
  const danger = dangerOf(mappedModule, mappedName) ?? dangerOf(module, name);
  if (mappedName.includes('.')) {
    return { class: 'dangerous', reason: `a dotted name: Python walks it attribute by attribute${danger ? `; ${danger.reason}` : ''}` };
  }
  if (safeGlobals().has(qualnameOf(mappedModule, mappedName))) return { class: 'safe', reason: null };
  if (danger) return { class: 'dangerous', reason: danger.reason };
  return { class: 'unknown', reason: 'not on the allowlist' };
}

/** Globals that unpickle (or load) the bytes they are given: a nested pickle is audited as a stream of its own. */
export const LOADERS: ReadonlySet<string> = new Set([
  'pickle.loads', 'pickle.load', 'pickle._loads', 'pickle._load', '_pickle.loads', '_pickle.load', 'cPickle.loads',
  'cPickle.load', 'dill.loads', 'dill.load', 'cloudpickle.loads', 'cloudpickle.load', 'joblib.load', 'numpy.load',
  'numpy.loads', 'torch.load', 'pickle.Unpickler', '_pickle.Unpickler', 'shelve.Shelf',
]);

/** File-like wrappers whose contents a loader reads: their bytes travel with the wrapper. */
export const BYTES_WRAPPERS: ReadonlySet<string> = new Set(['io.BytesIO', '_io.BytesIO', 'StringIO.StringIO', 'cStringIO.StringIO']);
