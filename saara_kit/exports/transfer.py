"""Import and export a domain's records: ``importing`` (all or nothing, ids and conflicts) and
``exporting`` (CSV, XLSX, iCalendar), gathered here for the callers that import them from one place."""

from saara_kit.exports.exporting import current_frame, export_frame, export_records
from saara_kit.exports.importing import (
    ImportRejected,
    RowProblem,
    import_every_sample,
    import_file,
    import_rows,
    import_samples,
    import_workbook,
    saved_warnings,
    step_sheet_titles,
)

__all__ = [
    "ImportRejected",
    "RowProblem",
    "current_frame",
    "export_frame",
    "export_records",
    "import_every_sample",
    "import_file",
    "import_rows",
    "import_samples",
    "import_workbook",
    "saved_warnings",
    "step_sheet_titles",
]
