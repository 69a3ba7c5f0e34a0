"""Classes whose instances py2_pickles.py pickles under Python 2.7.

Valid Python 2 and Python 3. Under Python 2 the classes without a base are
old-style ("classic") classes, which Python 2 pickles with INST (protocol 0)
and OBJ (protocols 1 and 2); the ones derived from object are new-style
(copy_reg._reconstructor at protocols 0-1, NEWOBJ at 2). Under Python 3 all
of them are ordinary classes, so the default unpickler can rebuild the
instances when python-fixtures/ is on sys.path.

Being the one module both Pythons import, it also holds what py2_pickles.py
(Python 2) shares with gen_pickles.py and pickle_classes.py (Python 3):
OldState's __getstate__/__setstate__ (pickle_classes.WithSetstate), the
Reducible stand-in and the builders of self-referencing values.
"""


class OldPlain:
    """Old-style, no __getinitargs__: INST/OBJ with no args, then BUILD."""

    def __init__(self):
        self.num = 1
        self.text = 'text'


class OldInitArgs:
    """Old-style with __getinitargs__: INST/OBJ with args (cls(*args))."""

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __getinitargs__(self):
        return (self.x, self.y)


class OldState:
    """Old-style with __getstate__/__setstate__."""

    def __init__(self, v=None):
        self.v = v

    def __getstate__(self):
        return {'v': self.v, 'version': 2}

    def __setstate__(self, state):
        self.v = state['v']


class NewPlain(object):
    """New-style: copy_reg._reconstructor(cls, object, None) at 0-1, NEWOBJ at 2."""

    def __init__(self):
        self.num = 2
        self.items = [1, 2]


class NewSlots(object):
    """New-style with __slots__ (picklable by Python 2 at protocol 2 only)."""
    __slots__ = ('x', 'y')

    def __init__(self, x=None, y=None):
        if x is not None:
            self.x = x
        if y is not None:
            self.y = y


class NewReduce(object):
    """__reduce__ returning (cls, args): GLOBAL + REDUCE."""

    def __init__(self, *args):
        self.args = args

    def __reduce__(self):
        return (NewReduce, self.args)


# ---------------------------------------------------------------- shared helpers

class Reducible(object):
    """Pickles as the given reduce value (numpy objects with chosen bytes)."""

    def __init__(self, *reduce_value):
        self.reduce_value = reduce_value

    def __reduce__(self):
        return self.reduce_value


def recursive_list(*items):
    """list(items) with the list itself appended."""
    a = list(items)
    a.append(a)
    return a


def recursive_dict():
    """{'name': 'self', 'me': the dict itself}."""
    d = {'name': 'self'}
    d['me'] = d
    return d


def recursive_tuple(second):
    """t = (lst, second) with lst = [t]: a cycle through a tuple."""
    lst = []
    t = (lst, second)
    lst.append(t)
    return t
