"""ORM reads compiled once per process and run again with other values.

Django builds and compiles a queryset's SQL on every evaluation. For the
few reads a busy page runs on every request (the security page's audit
trail, its locked members) that is most of their cost: an annotated UNION
costs over a millisecond to build and a fraction of that to run.
`PreparedRead` builds the queryset once, with stand-in values for what
changes between calls, keeps its SQL and the positions of the stand-ins
among its parameters, and runs that statement with the real values. The
ORM stays the only author of the SQL; a stand-in the compiled parameters
do not hold (or hold where another value is also equal to it) is an error
at first use, never a wrong query.

Every value that may differ between two calls must be a stand-in: whatever
else the build reads (a content type's id, the time) is frozen into the
statement at first use. Constants of the code (choices, purposes) may stay.
A value the driver receives wrapped (a JSON lookup's) is replaced inside a
copy of its wrapper.
"""

from collections.abc import Callable, Sequence
from copy import copy
from functools import partial
from threading import Lock

from django.db import connections
from django.db.models import Lookup, Model, QuerySet, signals
from django.db.models.base import ModelState
from django.db.models.sql.compiler import SQLCompiler


class AnyOf(Lookup):
    """`filter(AnyOf(F("id"), ids))`: the column equals one of `ids`, sent as one array parameter (PostgreSQL's
    `= ANY(%s)`), so one prepared read takes lists of any length (`id__in` writes one placeholder per value)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


class PreparedRead:
    """`build(**stand_ins)` returns a `values_list()` queryset; calling this runs it with other values."""

    def __init__(self, build: Callable[..., QuerySet], **stand_ins):
        self.build = build
        self.stand_ins = stand_ins
        self._compiled: tuple[SQLCompiler, str, list, dict[str, list[int]], dict | None] | None = None
        self._lock = Lock()

    def _compile(self) -> tuple[SQLCompiler, str, list, dict[str, list[int]], dict | None]:
        queryset = self.build(**self.stand_ins)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        params = list(params)
        positions = {}
        for name, stand_in in self.stand_ins.items():
            found = [i for i, value in enumerate(params) if _unwrapped(value) == stand_in]
            if not found:
                raise ValueError(f"The stand-in for {name!r} is not among the query's parameters: {params!r}")
            positions[name] = found
        taken = [i for found in positions.values() for i in found]
        if len(taken) != len(set(taken)):
            raise ValueError(f"Two stand-ins are equal among the query's parameters: {params!r}")
        # The columns' converters (a JSON column's decoding, say) are the same on every call: looked up once.
        # A composite primary key among the columns leaves the rows to the ORM's results_iter (None).
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = None if compiler.has_composite_fields(fields) else compiler.get_converters(fields)
        return compiler, sql, params, positions, converters

    def __call__(self, **values) -> list[tuple]:
        if self._compiled is None:
            with self._lock:
                if self._compiled is None:
                    self._compiled = self._compile()
        compiler, sql, params, positions, converters = self._compiled
        params = list(params)
        for name, found in positions.items():
            for i in found:
                params[i] = _rewrapped(params[i], values[name])
        with connections[compiler.using].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        # The values the ORM would give: its converters run on the columns that have any on this database.
        if converters is None:
            return list(compiler.results_iter(results=[rows], tuple_expected=True))
        if converters:
            return [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return rows


def _unwrapped(param):
    # A JSON value reaches the driver wrapped (psycopg2's Json keeps it in `adapted`).
    return param.adapted if hasattr(param, "adapted") else param


def _rewrapped(param, value):
    if not hasattr(param, "adapted"):
        return value
    wrapped = copy(param)
    wrapped.adapted = value
    return wrapped


def loaded(model: type[Model], using: str, attnames: list[str], values) -> Model:
    """What `model.from_db(using, attnames, values)` gives for a row of a prepared read, built without
    Model.__init__ (see `loader`)."""
    return loader(model, using, attnames)(values)


def loader(model: type[Model], using: str, attnames: list[str]) -> Callable[[Sequence], Model]:
    """A function building what `model.from_db(using, attnames, values)` gives for each row of a prepared read,
    without Model.__init__; for the rows of one read (the model's receivers are looked at once).

    __init__ sends pre_init and post_init and sets each field through its
    descriptor: about 9 us for a model of a dozen fields on a 2-core machine,
    and the list builds three per row. A loaded row's attributes are exactly
    what __init__ would set (the values by attribute name, the fields not
    read left deferred) and its state says it came from `using`. A model
    with a receiver of either signal (an ImageField's dimensions, say) or
    its own __init__ or from_db is built the ORM's way.
    """
    if (
        model.__init__ is not Model.__init__
        or model.from_db.__func__ is not Model.from_db.__func__
        or signals.pre_init.has_listeners(model)
        or signals.post_init.has_listeners(model)
    ):
        return partial(model.from_db, using, attnames)

    def load(values) -> Model:
        instance = model.__new__(model)
        instance.__dict__.update(zip(attnames, values, strict=True))
        state = instance._state = ModelState()
        state.adding, state.db = False, using
        return instance

    return load
