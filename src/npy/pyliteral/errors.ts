/**
 * The two errors every failure becomes: CPython's SyntaxError family, and
 * everything else `ast.literal_eval` can raise (ValueError, TypeError,
 * OverflowError, UnicodeEncodeError, MemoryError, RecursionError), with
 * Python's class name in `pythonType`.
 */

import { NpyioError } from '../../errors.js';

/**
 * CPython raises SyntaxError (or IndentationError) for this text. `offset`
 * is the index in the input string where the problem was found. With
 * `dropLongSuffix`, Python's `tokenize` module can fail first: then
 * `pythonType` is 'TokenError' or 'IndentationError' and the message is
 * Python's `str(e)`.
 */
export class PyLiteralSyntaxError extends NpyioError {
  constructor(message: string, offset: number, pythonType = 'SyntaxError') {
    super(message, { pythonType, offset });
  }
}

/**
 * The text is valid Python but not a literal we return: ValueError
 * (`malformed node or string ...`), or, as `pythonType` says, TypeError
 * (`unhashable type: 'list'`), OverflowError, UnicodeEncodeError,
 * MemoryError, RecursionError.
 */
export class PyLiteralValueError extends NpyioError {
  constructor(message: string, details: { pythonType?: string; offset?: number } = {}) {
    super(message, { pythonType: details.pythonType ?? 'ValueError', offset: details.offset });
  }
}

/** Throws a PyLiteralSyntaxError whose message ends with the offset. */
export function syntaxError(message: string, offset: number): never {
  throw new PyLiteralSyntaxError(`${message} at offset ${offset}`, offset);
}
