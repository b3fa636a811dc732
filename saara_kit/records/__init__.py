"""The generic record pattern, the model only: fields, domains, rules, tables; the form is in ``saara_kit.forms``."""

from saara_kit.records.deferred import deferred
from saara_kit.records.domain import (
    ASSOCIATION,
    Access,
    App,
    Checks,
    Domain,
    Exports,
    Listing,
    Record,
    validate_association,
)
from saara_kit.records.fields import (
    Amount,
    Choice,
    Choices,
    Count,
    Date,
    Field,
    Invalid,
    Rating,
    Reference,
    References,
    Scale,
    Text,
    Time,
)
from saara_kit.records.tables import labelled_table, styled_table

__all__ = [
    "ASSOCIATION",
    "Access",
    "Amount",
    "App",
    "Checks",
    "Choice",
    "Choices",
    "Count",
    "Date",
    "Domain",
    "Exports",
    "Field",
    "Invalid",
    "Listing",
    "Rating",
    "Record",
    "Reference",
    "References",
    "Scale",
    "Text",
    "Time",
    "deferred",
    "labelled_table",
    "styled_table",
    "validate_association",
]
