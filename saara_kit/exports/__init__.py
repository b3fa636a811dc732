"""Read and write the tables people exchange, safely: ``tables`` (CSV, XLSX), ``safe`` (formula
injection), ``workbook``, ``pdf`` and the handouts. Nothing is imported here: a form's kernel that
only needs ``safe`` does not load pandas."""
