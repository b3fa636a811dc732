"""Read and write the tables people exchange (CSV, XLSX), safely."""
from saara_kit.exports.safe import neutralise, restore
from saara_kit.exports.tables import MissingColumns, TableError, read_table, write_table

__all__ = ["MissingColumns", "TableError", "neutralise", "read_table", "restore", "write_table"]
