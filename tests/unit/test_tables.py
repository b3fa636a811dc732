"""Tables shown to people: labels, and the reader's direction without breaking numbers."""

from __future__ import annotations

import pandas as pd

from saara_kit.records import styled_table


def test_an_arabic_table_runs_right_to_left_and_each_cell_keeps_its_own_direction():
    frame = pd.DataFrame({"الاسم": ["<b>بلدية</b>", "APC"], "الموقف": [-1, 2]})
    html = styled_table(frame, "ar").to_html()
    assert 'dir="rtl"' in html and "unicode-bidi: plaintext" in html  # −1 is not shown as 1−
    assert "&lt;b&gt;بلدية&lt;/b&gt;" in html  # what people typed is escaped
    assert ">-1<" in html or ">\u200e-1<" in html


def test_a_french_table_runs_left_to_right_with_french_separators():
    html = styled_table(pd.DataFrame({"montant": [1234.5]}), "fr").to_html()
    assert 'dir="ltr"' in html and "1\u202f234,5" in html
