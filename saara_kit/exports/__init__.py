"""Read and write the tables people exchange (CSV, XLSX), safely."""
from saara_kit.exports.safe import neutralise
from saara_kit.exports.tables import TableError, read_table, write_table

__all__ = ["TableError", "neutralise", "read_table", "write_table"]
