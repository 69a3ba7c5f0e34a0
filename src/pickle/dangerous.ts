/**
 * The audit's curated list of dangerous globals, kept as data. It only sets
 * severity: the verdict is allowlist-first (audit-policy.ts), so anything
 * not on the safe list is at least `unknown` whether it is listed here or
 * not. A denylist is never complete (pickle-security.md section 2).
 *
 * Patterns: `module.*` is every name in that module and in its submodules;
 * `module.name` is that name, and attributes reached from it by a dotted
 * name (`name.attr`). Python 2 spellings are listed too: with fix_imports off
 * (or at protocol >= 3) they are not mapped, and a Python 2 loader runs them.
 */

export interface DangerEntry {
  readonly pattern: string;
  readonly reason: string;
}

const EXEC = 'runs processes or shell commands';
const CODE = 'evaluates or compiles Python code';
const RESOLVE = 'resolves arbitrary names to objects (a universal import gadget)';
const IMPORTER = 'imports arbitrary modules';
const UNPICKLER = 'a nested unpickler or loader: runs whatever the inner data says';
const FILES = 'reads, writes or deletes files';
const NET = 'opens network connections or web pages';
const NATIVE = 'calls native code or builds code objects';
const GADGET = 'a known scanner-bypass execution gadget';
const ATTR = 'gets or sets attributes by name';
const INTERNALS = 'interpreter internals, debuggers and profilers that run code';

function entries(reason: string, patterns: readonly string[]): DangerEntry[] {
  return patterns.map((pattern) => ({ pattern, reason }));
}

const builtinNames = (names: readonly string[]): string[] =>
  names.flatMap((n) => [`builtins.${n}`, `__builtin__.${n}`, `__builtins__.${n}`]);

export const DANGEROUS: readonly DangerEntry[] = [
  ...entries(EXEC, [
    'os.*', 'posix.*', 'nt.*', 'subprocess.*', 'commands.*', 'popen2.*', 'pty.*', 'asyncio.*', 'multiprocessing.*',
    'concurrent.*', '_posixsubprocess.*', 'posixpath.*', 'ntpath.*', 'platform.popen', 'pipes.*', 'mailcap.*',
    'setuptools.*', 'distutils.*', '_osx_support.*', '_aix_support.*', 'uuid.*', 'imaplib.IMAP4_stream',
    'webbrowser.*', 'ctypes.util.*', 'sys.*', 'signal.*', 'threading.*', '_thread.*', 'thread.*',
  ]),
  ...entries(CODE, [
    ...builtinNames(['eval', 'exec', 'execfile', 'compile', 'input', 'breakpoint', 'help']),
    'code.*', 'codeop.*', 'runpy.*', 'typing._eval_type', 'typing.get_type_hints', 'typing.ForwardRef',
    'dataclasses._create_fn', 'timeit.*', 'doctest.*', 'trace.*', 'lib2to3.*', 'idlelib.*', '_pyrepl.*', 'test.*',
    'numpy.f2py.*', 'numpy.testing.*', 'numpy.distutils.*', 'torch.jit.*', 'torch._dynamo.*', 'torch._inductor.*',
    'torch.fx.*', 'torch.package.*', 'torch.utils.cpp_extension.*',
  ]),
  ...entries(ATTR, [
    ...builtinNames(['getattr', 'setattr', 'delattr', 'vars', 'globals', 'locals', 'dir', 'object.__getattribute__',
      'type', 'super', 'classmethod', 'staticmethod', 'property', 'apply', 'reload']),
    'operator.*', '_operator.*', 'functools.*', '_functools.*', 'inspect.*', 'copyreg.add_extension', 'copy_reg.add_extension',
  ]),
  ...entries(RESOLVE, ['pkgutil.*', 'pydoc.*', 'importlib.*', 'imp.*', 'zipimport.*', ...builtinNames(['__import__'])]),
  ...entries(IMPORTER, ['__import__', 'ensurepip.*', 'pip.*', '_pip.*', 'venv.*', 'site.*']),
  ...entries(UNPICKLER, [
    'pickle.*', '_pickle.*', 'cPickle.*', 'pickletools.*', 'dill.*', 'cloudpickle.*', 'joblib.*', 'shelve.*',
    'marshal.*', 'numpy.load', 'numpy.loads', 'numpy.lib.npyio.*', 'numpy.lib._npyio_impl.*', 'numpy.lib.format.*',
    'torch.load', 'torch.serialization.*', 'torch.storage._load_from_bytes', 'torch.hub.*', 'torch.utils.model_zoo.*',
    'yaml.*', 'jsonpickle.*', 'xmlrpc.*', 'xmlrpclib.*',
  ]),
  ...entries(FILES, [
    ...builtinNames(['open', 'file']), 'io.*', '_io.*', 'shutil.*', 'tempfile.*', 'glob.*', 'pathlib.*', 'fileinput.*',
    'zipfile.*', 'tarfile.*', 'logging.*', 'dbm.*', 'sqlite3.*', 'linecache.*', 'mmap.*',
  ]),
  ...entries(NET, [
    'socket.*', '_socket.*', 'ssl.*', 'http.*', 'httplib.*', 'urllib.*', 'urllib2.*', 'urllib3.*', 'requests.*',
    'aiohttp.*', 'ftplib.*', 'smtplib.*', 'telnetlib.*', 'poplib.*', 'nntplib.*', 'socketserver.*', 'SocketServer.*',
    'BaseHTTPServer.*', 'SimpleHTTPServer.*', 'CGIHTTPServer.*',
  ]),
  ...entries(NATIVE, ['ctypes.*', '_ctypes.*', 'cffi.*', 'types.*', 'new.*', 'gc.*', 'weakref.*']),
  ...entries(INTERNALS, ['pdb.*', 'bdb.*', 'cProfile.*', 'profile.*', '_lsprof.*', 'tracemalloc.*', 'faulthandler.*']),
  ...entries(GADGET, ['random._os', 'argparse._os', 'tempfile._os', 'torch._C.*', 'torch.ops.*', 'torch.classes.*']),
];

/** The first entry matching an already-mapped `module` and `name`, or undefined. */
export function dangerOf(module: string, name: string): DangerEntry | undefined {
  for (const e of DANGEROUS) if (matches(e.pattern, module, name)) return e;
  return undefined;
}

function matches(pattern: string, module: string, name: string): boolean {
  if (pattern.endsWith('.*')) {
    const m = pattern.slice(0, -2);
    return module === m || module.startsWith(`${m}.`);
  }
  // 'module.name': module is everything before the first dot that leaves a match
  const full = name === '' ? module : `${module}.${name}`;
  return full === pattern || full.startsWith(`${pattern}.`);
}
