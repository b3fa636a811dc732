"""The record-list form and its widget-free state, above the model (``saara_kit.records``) and the store.

``form`` (RecordListForm) draws what ``state`` (RecordListState) holds; ``steps`` shows an app's
domains in tabs; ``drafts`` and ``draft_keeping`` keep what a device typed and never saved;
``controls`` builds a field's widget.
"""
