"""Form building blocks shared by every domain: texts that follow the language, RTL, messages."""

from saara_kit.widgets.parts import MessageLine, language_switch, style_sheet
from saara_kit.widgets.request import hub_lang, request_author, request_lang
from saara_kit.widgets.translated import TranslatedForm

__all__ = [
    "MessageLine",
    "TranslatedForm",
    "hub_lang",
    "language_switch",
    "request_author",
    "request_lang",
    "style_sheet",
]
