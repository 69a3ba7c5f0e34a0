"""Classes whose instances gen_pickles.py pickles (python-fixtures/pickle/).

Loading those pickles with the default CPython unpickler needs this module
importable (python-fixtures/ on sys.path). Each class exercises one way the
pickler writes an instance:

    Plain        copyreg._reconstructor + BUILD(__dict__) at 0-1, NEWOBJ () at 2+
    Slots        __slots__: BUILD((None, {slot: value})) at 2+ (0-1: not picklable)
    SlotsDict    __slots__ with __dict__: BUILD(({...}, {...}))
    Reduced      __reduce__ -> (cls, args): GLOBAL/STACK_GLOBAL + REDUCE
    ReducedFull  __reduce__ -> (cls, (), state, listitems, dictitems):
                 REDUCE, APPENDS/APPEND, SETITEMS/SETITEM, BUILD
    NewArgs      __getnewargs__: NEWOBJ with args at 2+
    NewArgsEx    __getnewargs_ex__ with kwargs: NEWOBJ_EX at 4+, a REDUCE of
                 functools.partial(cls.__new__, cls, *args, **kwargs) at 2-3
    WithSetstate __getstate__/__setstate__: BUILD calls __setstate__
    ListSub      list subclass: NEWOBJ + APPENDS + BUILD at 2+
    DictSub      dict subclass: NEWOBJ + SETITEMS + BUILD at 2+
"""
import py2_classes


class Plain:
    def __init__(self, a=1, b="two"):
        self.a = a
        self.b = b

    def __eq__(self, other):
        return type(other) is type(self) and vars(other) == vars(self)


class Slots:
    __slots__ = ("x", "y")

    def __init__(self, x=1, y=None):
        self.x = x
        if y is not None:
            self.y = y


class SlotsDict:
    __slots__ = ("x", "__dict__")

    def __init__(self, x=1):
        self.x = x
        self.extra = "d"


class Reduced:
    def __init__(self, *args):
        self.args = args

    def __reduce__(self):
        return (Reduced, self.args)


class ReducedFull:
    def __init__(self):
        self.items = []
        self.mapping = {}
        self.tag = None

    def append(self, x):
        self.items.append(x)

    def extend(self, xs):
        self.items.extend(xs)

    def __setitem__(self, k, v):
        self.mapping[k] = v

    def __reduce__(self):
        return (ReducedFull, (), {"tag": "full"}, iter([1, "two"]), iter([("k", "v"), (1, 2)]))


class NewArgs:
    def __new__(cls, a=0, b=0):
        self = super().__new__(cls)
        self.a = a
        self.b = b
        return self

    def __getnewargs__(self):
        return (self.a, self.b)


class NewArgsEx:
    def __new__(cls, a=0, *, key=None):
        self = super().__new__(cls)
        self.a = a
        self.key = key
        return self

    def __getnewargs_ex__(self):
        return ((self.a,), {"key": self.key})

    def __getstate__(self):
        return None  # no BUILD


class WithSetstate(py2_classes.OldState):
    """py2_classes.OldState's __getstate__/__setstate__ under this module's name."""


class ListSub(list):
    pass


class DictSub(dict):
    pass
