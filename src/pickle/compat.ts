/**
 * Python 2 -> 3 names, as CPython's `Lib/_compat_pickle.py` (3.11) has them,
 * kept as data. `Unpickler.find_class` applies them while the protocol read
 * so far is < 3 and `fix_imports` is true:
 *
 *   1. `(module, name)` in NAME_MAPPING -> that `(module, name)`;
 *   2. otherwise `module` in IMPORT_MAPPING -> that module, same name;
 *   3. otherwise unchanged.
 *
 * The mapping is applied once, here; the registry then checks the final
 * `module.name` as one exact string. The tables are Maps (never plain
 * objects), so a module called `__proto__` or `constructor` is just a miss.
 * test/pickle/compat.test.ts compares them with a dump of the real tables
 * (test/pickle/compat-tables.json).
 */

/** Python 2 module -> Python 3 module (CPython 3.11; 3.13 dropped `Tix`). */
const IMPORT_PAIRS: readonly (readonly [string, string])[] = [
  ['__builtin__', 'builtins'],
  ['copy_reg', 'copyreg'],
  ['Queue', 'queue'],
  ['SocketServer', 'socketserver'],
  ['ConfigParser', 'configparser'],
  ['repr', 'reprlib'],
  ['tkFileDialog', 'tkinter.filedialog'],
  ['tkSimpleDialog', 'tkinter.simpledialog'],
  ['tkColorChooser', 'tkinter.colorchooser'],
  ['tkCommonDialog', 'tkinter.commondialog'],
  ['Dialog', 'tkinter.dialog'],
  ['Tkdnd', 'tkinter.dnd'],
  ['tkFont', 'tkinter.font'],
  ['tkMessageBox', 'tkinter.messagebox'],
  ['ScrolledText', 'tkinter.scrolledtext'],
  ['Tkconstants', 'tkinter.constants'],
  ['Tix', 'tkinter.tix'],
  ['ttk', 'tkinter.ttk'],
  ['Tkinter', 'tkinter'],
  ['markupbase', '_markupbase'],
  ['_winreg', 'winreg'],
  ['thread', '_thread'],
  ['dummy_thread', '_dummy_thread'],
  ['dbhash', 'dbm.bsd'],
  ['dumbdbm', 'dbm.dumb'],
  ['dbm', 'dbm.ndbm'],
  ['gdbm', 'dbm.gnu'],
  ['xmlrpclib', 'xmlrpc.client'],
  ['SimpleXMLRPCServer', 'xmlrpc.server'],
  ['httplib', 'http.client'],
  ['htmlentitydefs', 'html.entities'],
  ['HTMLParser', 'html.parser'],
  ['Cookie', 'http.cookies'],
  ['cookielib', 'http.cookiejar'],
  ['BaseHTTPServer', 'http.server'],
  ['test.test_support', 'test.support'],
  ['commands', 'subprocess'],
  ['urlparse', 'urllib.parse'],
  ['robotparser', 'urllib.robotparser'],
  ['urllib2', 'urllib.request'],
  ['anydbm', 'dbm'],
  ['_abcoll', 'collections.abc'],
  // Python 3 has no separate C module names: _compat_pickle adds these.
  ['cPickle', 'pickle'],
  ['_elementtree', 'xml.etree.ElementTree'],
  ['FileDialog', 'tkinter.filedialog'],
  ['SimpleDialog', 'tkinter.simpledialog'],
  ['DocXMLRPCServer', 'xmlrpc.server'],
  ['SimpleHTTPServer', 'http.server'],
  ['CGIHTTPServer', 'http.server'],
  // UserDict, UserList and UserString moved into collections.
  ['UserDict', 'collections'],
  ['UserList', 'collections'],
  ['UserString', 'collections'],
  ['whichdb', 'dbm'],
  ['StringIO', 'io'],
  ['cStringIO', 'io'],
];

/** `[py2 module, py2 name, py3 module, py3 name]`, in _compat_pickle's order. */
const NAME_ROWS: readonly (readonly [string, string, string, string])[] = [
  ['__builtin__', 'xrange', 'builtins', 'range'],
  ['__builtin__', 'reduce', 'functools', 'reduce'],
  ['__builtin__', 'intern', 'sys', 'intern'],
  ['__builtin__', 'unichr', 'builtins', 'chr'],
  ['__builtin__', 'unicode', 'builtins', 'str'],
  ['__builtin__', 'long', 'builtins', 'int'],
  ['itertools', 'izip', 'builtins', 'zip'],
  ['itertools', 'imap', 'builtins', 'map'],
  ['itertools', 'ifilter', 'builtins', 'filter'],
  ['itertools', 'ifilterfalse', 'itertools', 'filterfalse'],
  ['itertools', 'izip_longest', 'itertools', 'zip_longest'],
  ['UserDict', 'IterableUserDict', 'collections', 'UserDict'],
  ['UserList', 'UserList', 'collections', 'UserList'],
  ['UserString', 'UserString', 'collections', 'UserString'],
  ['whichdb', 'whichdb', 'dbm', 'whichdb'],
  ['_socket', 'fromfd', 'socket', 'fromfd'],
  ['_multiprocessing', 'Connection', 'multiprocessing.connection', 'Connection'],
  ['multiprocessing.process', 'Process', 'multiprocessing.context', 'Process'],
  ['multiprocessing.forking', 'Popen', 'multiprocessing.popen_fork', 'Popen'],
  ['urllib', 'ContentTooShortError', 'urllib.error', 'ContentTooShortError'],
  ['urllib', 'getproxies', 'urllib.request', 'getproxies'],
  ['urllib', 'pathname2url', 'urllib.request', 'pathname2url'],
  ['urllib', 'quote_plus', 'urllib.parse', 'quote_plus'],
  ['urllib', 'quote', 'urllib.parse', 'quote'],
  ['urllib', 'unquote_plus', 'urllib.parse', 'unquote_plus'],
  ['urllib', 'unquote', 'urllib.parse', 'unquote'],
  ['urllib', 'url2pathname', 'urllib.request', 'url2pathname'],
  ['urllib', 'urlcleanup', 'urllib.request', 'urlcleanup'],
  ['urllib', 'urlencode', 'urllib.parse', 'urlencode'],
  ['urllib', 'urlopen', 'urllib.request', 'urlopen'],
  ['urllib', 'urlretrieve', 'urllib.request', 'urlretrieve'],
  ['urllib2', 'HTTPError', 'urllib.error', 'HTTPError'],
  ['urllib2', 'URLError', 'urllib.error', 'URLError'],
];

/** Python 2's `exceptions` module: each of these is `builtins.<same name>` in Python 3. */
const PYTHON2_EXCEPTIONS: readonly string[] = [
  'ArithmeticError', 'AssertionError', 'AttributeError', 'BaseException', 'BufferError', 'BytesWarning',
  'DeprecationWarning', 'EOFError', 'EnvironmentError', 'Exception', 'FloatingPointError', 'FutureWarning',
  'GeneratorExit', 'IOError', 'ImportError', 'ImportWarning', 'IndentationError', 'IndexError', 'KeyError',
  'KeyboardInterrupt', 'LookupError', 'MemoryError', 'NameError', 'NotImplementedError', 'OSError',
  'OverflowError', 'PendingDeprecationWarning', 'ReferenceError', 'RuntimeError', 'RuntimeWarning',
  'StopIteration', 'SyntaxError', 'SyntaxWarning', 'SystemError', 'SystemExit', 'TabError', 'TypeError',
  'UnboundLocalError', 'UnicodeDecodeError', 'UnicodeEncodeError', 'UnicodeError', 'UnicodeTranslateError',
  'UnicodeWarning', 'UserWarning', 'ValueError', 'Warning', 'ZeroDivisionError',
];

/** Added after the exceptions loop in _compat_pickle. */
const LATE_NAME_ROWS: readonly (readonly [string, string, string, string])[] = [
  ['multiprocessing', 'AuthenticationError', 'multiprocessing.context', 'AuthenticationError'],
  ['multiprocessing', 'BufferTooShort', 'multiprocessing.context', 'BufferTooShort'],
  ['multiprocessing', 'ProcessError', 'multiprocessing.context', 'ProcessError'],
  ['multiprocessing', 'TimeoutError', 'multiprocessing.context', 'TimeoutError'],
  ['__builtin__', 'basestring', 'builtins', 'str'],
  ['exceptions', 'StandardError', 'builtins', 'Exception'],
  ['UserDict', 'UserDict', 'collections', 'UserDict'],
  ['socket', '_socketobject', 'socket', 'SocketType'],
];

/** IMPORT_MAPPING: Python 2 module -> Python 3 module. */
export const IMPORT_MAPPING: ReadonlyMap<string, string> = new Map(IMPORT_PAIRS);

/** NAME_MAPPING as `py2 module -> (py2 name -> [py3 module, py3 name])`, in CPython's insertion order. */
export const NAME_MAPPING: ReadonlyMap<string, ReadonlyMap<string, readonly [string, string]>> = (() => {
  const m = new Map<string, Map<string, readonly [string, string]>>();
  const add = (mod: string, name: string, mod3: string, name3: string) => {
    let inner = m.get(mod);
    if (inner === undefined) m.set(mod, (inner = new Map()));
    inner.set(name, Object.freeze([mod3, name3] as const));
  };
  for (const r of NAME_ROWS) add(...r);
  for (const e of PYTHON2_EXCEPTIONS) add('exceptions', e, 'builtins', e);
  for (const r of LATE_NAME_ROWS) add(...r);
  return m;
})();

/**
 * What `Unpickler.find_class` does to a name when protocol < 3 and
 * fix_imports: NAME_MAPPING on `(module, name)` first, else IMPORT_MAPPING on
 * `module`, else the name unchanged. The caller decides whether to apply it.
 */
export function mapPython2Name(module: string, name: string): [string, string] {
  const hit = NAME_MAPPING.get(module)?.get(name);
  if (hit !== undefined) return [hit[0], hit[1]];
  const mod3 = IMPORT_MAPPING.get(module);
  return [mod3 ?? module, name];
}
