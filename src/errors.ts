/**
 * The closed set of errors npyio throws. Every parser failure is one of
 * these, never a bare RangeError/TypeError. Each carries `pythonType`, the
 * exception class numpy or CPython raises for the same input, so a caller
 * (and our conformance tests) can line our failures up with numpy's.
 */

export interface ErrorDetails {
  /** The Python exception numpy raises for the same input ('ValueError', 'EOFError', ...). */
  pythonType?: string;
  /** Byte offset in the file or buffer where the problem was found. */
  offset?: number;
  /** The archive member being read, when there is one. */
  member?: string;
  cause?: unknown;
}

/** Base class of every error npyio throws on purpose. */
export class NpyioError extends Error {
  readonly pythonType: string;
  readonly offset?: number;
  readonly member?: string;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.pythonType = details.pythonType ?? 'ValueError';
    if (details.offset !== undefined) this.offset = details.offset;
    if (details.member !== undefined) this.member = details.member;
  }
}

/** A .npy stream that is not what numpy writes or reads: magic, version, header, data. */
export class NpyFormatError extends NpyioError {}

/** A dtype descriptor numpy would not turn into a dtype (or one we cannot represent). */
export class DTypeError extends NpyioError {}

/** Object (pickled) data met while `allowPickle` is false. */
export class PickleDisallowedError extends NpyioError {}

/** An array whose bytes cannot be held in one buffer of this runtime. */
export class ArrayTooLargeError extends NpyioError {}

/** A zip archive (.npz) that is not what zipfile reads: records, sizes, CRC, methods. */
export class ZipFormatError extends NpyioError {}

/**
 * A byte source that cannot serve the ranges asked for: an HTTP status, a
 * server that ignores `Range`, a read that comes back short.
 */
export class SourceError extends NpyioError {}

/** A caller's argument that is not usable (wrong shape for the data, bad option value). */
export class NpyioArgumentError extends NpyioError {}

export function isNpyioError(e: unknown): e is NpyioError {
  return e instanceof NpyioError;
}

export interface PickleErrorDetails extends ErrorDetails {
  /** Name of the opcode being run (`BINUNICODE`), when there is one. */
  opcode?: string;
}

/**
 * A pickle npyio will not or cannot read. `pythonType` says what CPython's
 * unpickler raises for the same bytes (UnpicklingError, EOFError, ValueError,
 * UnicodeDecodeError, ...).
 */
export class UnpicklingError extends NpyioError {
  readonly opcode?: string;
  constructor(message: string, details: PickleErrorDetails = {}) {
    super(message, { pythonType: 'UnpicklingError', ...details });
    if (details.opcode !== undefined) this.opcode = details.opcode;
  }
}

/** A global the registry does not allow: nothing was imported, nothing was called. */
export class ForbiddenGlobalError extends UnpicklingError {
  /** The global as the registry saw it: after the Python 2 name mapping. */
  readonly qualname: string;
  constructor(module: string, name: string, details: PickleErrorDetails = {}) {
    super(`global '${module}.${name}' is forbidden: it is not in the registry of allowed classes and functions`, details);
    this.qualname = `${module}.${name}`;
  }
}
