"""A domain: what one kind of record is (its fields and rules) and what serves it (app, samples, picture).

Everything generic (validation, the record-list form, the repository, import and export, the CLI,
the landing page, sample loading) reads a ``Domain``; a domain package only declares one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from saara_kit.records.fields import Field, Invalid, Reference, Text
from saara_kit.validation import FieldError, ValidationError, fold_name

__all__ = [
    "ASSOCIATION",
    "SHARED_COLUMNS",
    "STORE_COLUMNS",
    "Access",
    "App",
    "Checks",
    "Domain",
    "Exports",
    "Listing",
    "Record",
    "validate_association",
    "validate_participant",
]

# Every record belongs to one association of one hub; the label keys are shared by every domain.
ASSOCIATION = Text("association", max=200)
PARTICIPANT = Text("participant", max=80, required=False)  # who saves, as they name themselves
SHARED_PREFIX = "records"
STORE_COLUMNS = ("record_id", "revision", "saved_at", "author")  # what the store says of a revision
SHARED_COLUMNS = ("region", "association", *STORE_COLUMNS)  # labelled ``records.field.<column>``


class Record(Mapping):
    """One validated record: read-only, fields as keys and as attributes (``record.name``)."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]):
        object.__setattr__(self, "_values", dict(values))

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a record is read-only")

    def __hash__(self) -> int:
        return hash(frozenset(self._values.items()))

    def __reduce__(self):
        return (Record, (self._values,))

    def __repr__(self) -> str:
        return f"Record({self._values!r})"

    def to_payload(self) -> dict[str, Any]:
        """Return the record as plain JSON-ready values."""
        return dict(self._values)


def _read_shared(field: Field, value: Any) -> Any:
    try:
        return field.read(value)
    except Invalid as problem:
        label = f"{SHARED_PREFIX}.field.{field.name}"
        raise ValidationError([FieldError(field.name, label, problem.code, problem.params)]) from None


def validate_association(name: Any) -> str:
    """Return an association's name, stripped; raise ``ValidationError`` when empty or too long."""
    return _read_shared(ASSOCIATION, name)


def validate_participant(name: Any) -> str:
    """Return the name a participant gave (may be empty), stripped; raise ``ValidationError`` when too long."""
    return _read_shared(PARTICIPANT, name)


Rule = Callable[[Record], Iterable[FieldError]]
LinkRule = Callable[[Record, Mapping[str, Mapping[str, Mapping[str, Any]]]], Iterable[FieldError]]
# (the list's records, lang) -> a matplotlib figure, or any picture with ``svg`` (its text) and ``alt``;
# a step's picture also gets its app's main records, as a table
Picture = Callable[..., Any]


@dataclass(frozen=True)
class Listing:
    """How a list of records shows: in the form, in the room, in another domain's list."""

    title: Callable[[Record, str], str] | None = None  # how the list shows one record
    picture: Picture | None = None  # what the form draws of the list
    form: Callable[..., Any] | None = None  # the record-list form's class, a ``deferred`` import
    shown_in: tuple[str, Callable[[Any], Any]] | None = None  # (another domain, records -> its rows)
    room_picture: Picture | None = None  # (the hub's records, lang, title) -> the room view's figure


@dataclass(frozen=True)
class Checks:
    """What is refused, and what only deserves a second look."""

    rules: tuple[Rule, ...] = ()  # across fields: a record they object to is refused
    link_rules: tuple[LinkRule, ...] = ()  # rules that read the records a record names
    warnings: tuple[Callable[[list[Record]], Iterable[FieldError]], ...] = ()  # over a list; never refuse
    across_steps: Callable[[Any], list] | None = None  # ({step: records}) -> (association, name, problem)


@dataclass(frozen=True)
class Access:
    """Who may see and change the records."""

    public: bool = True  # False: kept out of the room view, opened only with the association's code
    frozen: Callable[[Mapping[str, Any]], bool] | None = None  # payload -> True once a participant can't change it
    demo_cards: Callable[..., Path] | None = None  # (store, hub, folder, lang) -> the demonstration's code cards


@dataclass(frozen=True)
class App:
    """Where the records are typed: the app the domain is a step of, the apps and the commands it adds."""

    part_of: str | None = None  # the app this domain is a step of (not listed on its own)
    advice: Callable[[Any], str | None] | None = None  # main records -> a catalogue key
    step_apps: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (app, the steps it shows): apps of some steps
    forms: tuple[tuple[str, Callable[..., Any]], ...] = ()  # (app, builder): forms instead of the record-list form
    commands: tuple[str, ...] = ()  # modules of the saara-kit commands it adds, each with add_parser and run


@dataclass(frozen=True)
class Exports:
    """What a domain adds to the generic exports (``saara_kit/exports/``)."""

    summaries: tuple[tuple[str, Callable[[Any, str], Any]], ...] = ()  # (sheet title key, ({step: records}, lang))
    formulas: tuple[tuple[str, Callable[[Mapping[str, Any]], str]], ...] = ()  # (column, record -> formula)
    exporters: tuple[tuple[str, Callable[[Any, Path, str], int]], ...] = ()  # (format, (frame, path, lang) -> rows)
    events: Callable[[Any, str], list] | None = None  # (records, lang) -> calendar events
    charts: Callable[[Any, str], list] | None = None  # ({domain: records}, lang) -> a handout's figures
    in_handout: bool = True  # False for a step a summary shows better


@dataclass(frozen=True)
class Domain:
    """One kind of record an association keeps a list of: its identity and fields, then what it
    adds to the generic rooms, grouped by capability (``listing``, ``checks``, ``access``, ``app``,
    ``exports``), each empty by default. ``docs/domain.md`` documents every attribute once.

    ``name`` is the catalogue section, the CLI word and the Voilà app; ``kind`` is what the store
    calls one record; ``key`` names the field (or fields) that tell two records of one association
    apart when a file without ids is imported; ``derive`` adds computed columns (declared in
    ``derived`` so they have labels).
    """

    name: str
    kind: str
    fields: tuple[Field, ...]
    key: str | tuple[str, ...] = "name"
    derived: tuple[Field, ...] = ()
    derive: Callable[[Any], Any] | None = None
    samples: str | Path | None = None  # datasets/<samples>.csv, or a file kept outside the kit
    catalogue: Path | None = None  # i18n file of a domain that lives outside saara_kit
    schema_version: int = 1
    listing: Listing = Listing()
    checks: Checks = Checks()
    access: Access = Access()
    app: App = App()
    exports: Exports = Exports()

    # -- fields -------------------------------------------------------------------------
    @property
    def field_names(self) -> tuple[str, ...]:
        """Return the record's field names, in order."""
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        """Return the field (or derived column) called ``name``."""
        for candidate in (*self.fields, *self.derived):
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    @property
    def key_names(self) -> tuple[str, ...]:
        """Return the fields that tell two records of one association apart."""
        return (self.key,) if isinstance(self.key, str) else tuple(self.key)

    def key_of(self, values: Mapping[str, Any]) -> tuple[str, ...]:
        """Return the key of a record or a payload, case, accents and spaces aside."""
        return tuple(fold_name(str(values.get(name, ""))) for name in self.key_names)

    def name_of(self, values: Mapping[str, Any]) -> str:
        """Return how a record or a payload is named in a sentence: its key, as typed."""
        return " → ".join(str(values.get(name, "")) for name in self.key_names)

    @property
    def references(self) -> tuple[Reference, ...]:
        """Return the fields that name a record of another domain."""
        return tuple(f for f in self.fields if isinstance(f, Reference))

    def label_key(self, name: str) -> str:
        """Return the catalogue key of a field's or a shared column's label."""
        if any(f.name == name for f in (*self.fields, *self.derived)):
            return f"{self.name}.field.{name}"
        return f"{SHARED_PREFIX}.field.{name}"

    def empty(self) -> dict[str, Any]:
        """Return the values of an empty editor (the fields a participant types)."""
        return {f.name: f.default for f in self.fields if f.editable}

    def required_keys(self) -> list[str]:
        """Return every catalogue key the generic rooms look up for this domain."""
        keys = [key for f in (*self.fields, *self.derived) for key in f.label_keys(self.name)]
        keys += [f"app.{self.name}.title", f"app.{self.name}.summary", f"{self.name}.loaded"]
        if self.listing.picture is not None:
            keys.append(f"{self.name}.picture.empty")
        return keys

    # -- validation ---------------------------------------------------------------------
    def validate(self, raw: Mapping[str, Any], known: Mapping[str, Mapping[str, Any]] | None = None) -> Record:
        """Build a record from raw values; raise ``ValidationError`` naming every bad field.

        ``known`` gives, per domain, the association's saved records by name: a reference to one of
        them takes its spelling, a reference to anything else is refused, and ``checks.link_rules`` read them."""
        values, errors = {}, []
        for f in self.fields:
            try:
                values[f.name] = f.read(raw.get(f.name), self.name)
                if isinstance(f, Reference) and known is not None and values[f.name]:
                    values[f.name] = f.resolve(values[f.name], known.get(f.to, ()))
            except Invalid as problem:
                errors.append(FieldError(f.name, self.label_key(f.name), problem.code, problem.params))
                values[f.name] = f.default
        record = Record(values)
        if not errors:
            errors = [error for rule in self.checks.rules for error in rule(record)]
        if not errors and known is not None:
            errors = [error for rule in self.checks.link_rules for error in rule(record, known)]
        if errors:
            raise ValidationError(errors)
        return record

    def is_frozen(self, payload: Mapping[str, Any]) -> bool:
        """Tell whether a saved record can no longer be changed from a participant's form."""
        return self.access.frozen is not None and self.access.frozen(payload)

    def warnings_for(self, records: Iterable[Record]) -> list[FieldError]:
        """Return what deserves a second look in an association's list, though it may be saved."""
        records = list(records)
        return [warning for check in self.checks.warnings for warning in check(records)]

    def with_defaults(self, frame):
        """Return ``frame`` (a DataFrame of records) with every optional field it lacks, at its
        default: files and tables written before a field was added still read."""
        missing = [f for f in self.fields if not f.required and f.name not in frame]
        if not missing:
            return frame
        return frame.assign(**{f.name: "" if f.default is None else f.default for f in missing})

    def from_payload(self, payload: Mapping[str, Any]) -> Record:
        """Return the record a stored payload carries (fields added since then take their default)."""
        return Record({f.name: payload.get(f.name, f.default) for f in self.fields})

    def list_label(self, record: Record, lang: str) -> str:
        """Return how the list shows ``record``."""
        if self.listing.title is not None:
            return self.listing.title(record, lang)
        return self.name_of(record)
