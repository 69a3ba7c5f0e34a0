/**
 * Stage 3 of the pipeline: `ast.literal_eval`'s `_convert` (CPython 3.11's
 * `Lib/ast.py`), after the RecursionError that `ast2obj`
 * (`Python/Python-ast.c`) raises for a tree too deep to hand to Python.
 */

import { ELLIPSIS_OP, NAMED_ESCAPE_OP, type Node } from './ast.js';
import { PyLiteralValueError } from './errors.js';
import { ELLIPSIS, keyOf, PyComplex, PyDict, PySet, PyTuple, type PyLit } from './values.js';

/** Depth of the tree (Expression node included) past which ast2obj raises RecursionError. */
const MAX_AST_DEPTH = 2985;

/** The first Ellipsis met by the current conversion. */
let ellipsisAt: Node | null = null;

/** literal_eval on the parsed tree: ast2obj's depth limit, then _convert. */
export function literalEval(tree: Node): PyLit {
  if (tree.d + 1 > MAX_AST_DEPTH) {
    throw new PyLiteralValueError('maximum recursion depth exceeded during ast construction', {
      pythonType: 'RecursionError',
      offset: tree.s,
    });
  }
  ellipsisAt = null;
  const value = convert(tree);
  if (ellipsisAt !== null) {
    const at: Node = ellipsisAt;
    ellipsisAt = null;
    throw new PyLiteralValueError(
      `Ellipsis (...) is a Python literal but is not supported here (line ${at.line}, offset ${at.s})`,
      { offset: at.s },
    );
  }
  return value;
}

function malformed(node: Node | null): never {
  ellipsisAt = null;
  if (node === null) throw new PyLiteralValueError('malformed node or string: None');
  throw new PyLiteralValueError(`malformed node or string on line ${node.line}: <ast.${node.k} object at 0x...>`, {
    offset: node.s,
  });
}

function convert(node: Node): PyLit {
  switch (node.k) {
    case 'Constant':
      if (node.op === ELLIPSIS_OP) {
        // literal_eval returns Ellipsis; we have no value for it, but a
        // later malformed node must still win, so refuse after converting.
        ellipsisAt ??= node;
        return ELLIPSIS;
      }
      if (node.op === NAMED_ESCAPE_OP) throw new PyLiteralValueError(node.v as string, { offset: node.s });
      return node.v;
    case 'Tuple':
      return new PyTuple(node.items!.map((x) => convert(x!)));
    case 'List':
      return node.items!.map((x) => convert(x!));
    case 'Set': {
      const set = new PySet();
      const seen = new Set<string>();
      for (const x of node.items!) {
        const v = convert(x!);
        const k = keyOf(v);
        if (!seen.has(k)) {
          seen.add(k);
          set.items.push(v);
        }
      }
      return set;
    }
    case 'Call':
      if (node.left!.k === 'Name' && node.left!.op === 'set' && node.op === '0') return new PySet();
      break;
    case 'Dict': {
      const dict = new PyDict();
      const index = new Map<string, number>();
      const keys = node.items!;
      const vals = node.vals!;
      for (let i = 0; i < keys.length; i++) {
        const kn = keys[i]!;
        if (kn === null) malformed(null);
        const k = convert(kn);
        const v = convert(vals[i]!);
        const hk = keyOf(k);
        const at = index.get(hk);
        if (at === undefined) {
          index.set(hk, dict.entries.length);
          dict.entries.push([k, v]);
        } else dict.entries[at]![1] = v;
      }
      return dict;
    }
    case 'BinOp':
      if (node.op === '+' || node.op === '-') {
        const left = convertSignedNum(node.left!);
        const right = convertNum(node.right!);
        if ((typeof left === 'bigint' || typeof left === 'number') && right instanceof PyComplex) {
          const l = typeof left === 'bigint' ? intToFloat(left, node) : left;
          return node.op === '+' ? new PyComplex(l + right.re, 0 + right.im) : new PyComplex(l - right.re, 0 - right.im);
        }
      }
      break;
  }
  return convertSignedNum(node);
}

function intToFloat(v: bigint, node: Node): number {
  const f = Number(v);
  if (f === Infinity || f === -Infinity) {
    throw new PyLiteralValueError('int too large to convert to float', { pythonType: 'OverflowError', offset: node.s });
  }
  return f;
}

function convertNum(node: Node): bigint | number | PyComplex {
  if (node.k === 'Constant' && node.op !== ELLIPSIS_OP) {
    const v = node.v;
    if (typeof v === 'bigint' || typeof v === 'number' || v instanceof PyComplex) return v;
  }
  malformed(node);
}

function convertSignedNum(node: Node): bigint | number | PyComplex {
  if (node.k === 'UnaryOp' && (node.op === '+' || node.op === '-')) {
    const v = convertNum(node.right!);
    if (node.op === '+') return v;
    if (v instanceof PyComplex) return new PyComplex(-v.re, -v.im);
    return -v;
  }
  return convertNum(node);
}
