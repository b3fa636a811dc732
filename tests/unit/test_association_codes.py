"""Association codes: an association's records open only with its code. A participant of another
association can neither see nor erase them; the first save of a new association makes its code;
the facilitator prints every code as cards (`saara-kit codes`)."""

from __future__ import annotations

import concurrent.futures
import html
import re
import threading

import pytest

from saara_kit.cli import main
from saara_kit.exports.transfer import import_samples
from saara_kit.i18n import t
from saara_kit.records.state import RecordListState
from saara_kit.settings import TRAINER
from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.store import open_store
from saara_kit.store.codes import code_of, codes_of, give_codes

MINE = "Association Nour El Amel"


def _actor(name: str) -> dict:
    return {**DOMAIN.empty(), "name": name}


def _participant(store, device="participant-1") -> RecordListState:
    return RecordListState(DOMAIN, store, "est", author=device)


def _created(store, count: int = 7) -> tuple[RecordListState, str]:
    """A participant creates MINE with ``count`` stakeholders; return their form and its code."""
    form = _participant(store)
    form.open(MINE)
    for number in range(count):
        assert form.add(_actor(f"Acteur {number}"))
    assert form.save(MINE)
    return form, form.created_codes[MINE]


def _live(store) -> int:
    return len(store.current(DOMAIN.kind, "est", MINE))


def test_the_first_save_of_a_new_association_makes_its_code_and_shows_it_once(store):
    form, code = _created(store)
    assert code_of(store, "est", MINE) == code and re.fullmatch(r"[A-Z2-9]{6}", code)
    assert form.notice.key == "form.saved"
    assert _participant(store, "participant-2").created_codes == {}  # shown to its creator only
    again = _participant(store)
    again.open(MINE, code)
    again.add(_actor("Radio Sétif"))
    assert again.save(MINE, code=code) and again.created_codes == {}  # one code per association
    assert codes_of(store, "est") == {MINE: code}


def test_another_participant_can_neither_open_nor_erase_an_association_without_its_code(store):
    _, _code = _created(store)
    mischief = _participant(store, "participant-mischief")
    assert mischief.open(MINE) is False
    assert (mischief.notice.key, mischief.notice.values["association"]) == ("association.code_needed", MINE)
    assert mischief.saved == {} and mischief.draft == {}  # nothing of MINE shown
    assert mischief.save(MINE) is False  # an empty list saved over it: refused, not a withdrawal of 7
    assert mischief.open("  association NOUR el amël ", "ABC234") is False
    assert mischief.notice.key == "association.code_wrong"
    assert mischief.save(MINE, code="ABC234") is False
    assert _live(store) == 7 and store.count_rows() == 7


# MINE spelt to pass for it: a Cyrillic і, a zero-width space, a right-to-left mark, a Greek Α, a
# Cyrillic о; and an Arabic name stretched with tatweels, a Persian yeh and a left-to-right mark
LOOK_ALIKES = [
    "Assoc\u0456ation Nour El Amel",
    "Association N\u200bour El Amel",
    "Association Nour\u200f El Amel",
    "\u0391ssociation Nour El Amel",
    "Association N\u043eur El Amel\u2066",
]


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_a_name_spelt_to_look_like_an_association_is_that_association(store, look_alike):
    from saara_kit.store.repository import canonical_association
    from saara_kit.validation import fold_name

    _, _code = _created(store)
    assert canonical_association(store, "est", look_alike) == MINE
    mischief = _participant(store, "participant-mischief")
    assert mischief.open(look_alike) is False  # not a new association of its own: MINE, with its code
    assert mischief.notice.key == "association.code_needed"
    assert mischief.save(look_alike) is False and _live(store) == 7 and store.associations(None, "est") == [MINE]
    assert fold_name("جمعيــة الأمـل\u200e") == fold_name("جمعية الامل") == fold_name("جمعی\u0640ة الأمل")


def test_a_code_kept_under_a_key_folded_before_look_alikes_folded_still_guards_its_association(store):
    import sqlalchemy as sa

    from saara_kit.store.schema import association_codes

    name = "جمعيـة الأمل"  # a tatweel: the fold of the codes' first days kept it in the key
    form = _participant(store)
    form.open(name)
    assert form.add(_actor("Acteur")) and form.save(name)
    code = form.created_codes[name]
    store.write(lambda conn: conn.execute(sa.update(association_codes).values(association_key="جمعيـة الامل")))
    assert code_of(store, "est", name) == code
    mischief = _participant(store, "participant-mischief")
    assert mischief.open(name) is False and mischief.notice.key == "association.code_needed"


def test_a_code_opens_whatever_its_case_and_spaces(store):
    _, code = _created(store)
    colleague = _participant(store, "participant-2")
    assert colleague.open(MINE, f" {code[:3].lower()} {code[3:].lower()} ")
    assert len(colleague.saved) == 7 and colleague.notice.key == "stakeholders.loaded"


def test_five_wrong_codes_lock_the_form_for_a_minute_even_with_the_right_one(store):
    _, code = _created(store)
    guesser = _participant(store, "participant-guess")
    for guess in ("AAAAAA", "BBBBBB", "CCCCCC", "DDDDDD", "EEEEEE"):
        assert guesser.open(MINE, guess) is False
    assert guesser.open(MINE, code) is False and guesser.notice.key == "association.code_wait"
    assert guesser.saved == {}


def test_typed_entries_stay_when_a_code_is_missing_and_save_once_it_is_given(store):
    _, code = _created(store, 1)
    colleague = _participant(store, "participant-2")
    colleague.add(_actor("Wilaya de Sétif"))
    assert colleague.save(MINE) is False and colleague.notice.key == "association.code_needed"
    assert [record.name for record in colleague.entries] == ["Wilaya de Sétif"]
    assert colleague.save(MINE, code=code)
    assert _live(store) == 2


def test_of_two_participants_creating_one_association_the_second_is_told_to_ask(store):
    first, second = _participant(store, "participant-1"), _participant(store, "participant-2")
    for form, name in ((first, "APC de Sétif"), (second, "Radio Sétif")):
        form.open(MINE)
        form.add(_actor(name))
    assert first.save(MINE)
    assert second.save(MINE) is False
    assert (second.state, second.notice.key) == ("error", "association.taken")
    assert [record.name for record in second.entries] == ["Radio Sétif"]  # kept, nothing saved
    assert _live(store) == 1
    assert second.save(MINE, code=first.created_codes[MINE])
    assert sorted(rev.payload["name"] for rev in store.current(DOMAIN.kind, "est", MINE)) == [
        "APC de Sétif",
        "Radio Sétif",
    ]


def _eight_phones_create(url: str) -> None:
    """Eight phones open the same new association, then save at once: one makes its code, seven are
    told to ask, and only the winner's record is saved."""
    open_store(db_url=url).close()
    everyone_opened = threading.Barrier(8)

    def create(number: int) -> str:
        with open_store(db_url=url) as store:  # a kernel of its own: an engine of its own
            form = _participant(store, f"participant-{number}")
            form.open(MINE)
            form.add(_actor(f"Acteur {number}"))
            everyone_opened.wait()
            return form.created_codes[MINE] if form.save(MINE) else form.notice.key

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(create, range(8)))
    with open_store(db_url=url) as store:
        code = code_of(store, "est", MINE)
        assert outcomes.count(code) == 1 and outcomes.count("association.taken") == 7
        assert _live(store) == 1  # the winner's record only: no half-saved loser


def test_eight_phones_creating_one_association_at_once_give_it_one_code(tmp_path):
    _eight_phones_create(f"sqlite:///{tmp_path / 'saara.db'}")


def test_eight_phones_creating_one_association_at_once_in_postgresql(postgres_url):
    _eight_phones_create(postgres_url)


def test_the_trainer_opens_every_association_without_a_code(store):
    _created(store)
    trainer = RecordListState(DOMAIN, store, "est", author=TRAINER)
    assert trainer.open(MINE) and len(trainer.saved) == 7


def test_associations_saved_before_codes_stay_open_until_the_facilitator_gives_codes(tmp_path, capsys):
    with open_store(tmp_path) as store:
        import_samples(store, DOMAIN)
        older = store.associations(DOMAIN.kind, "ouest")
        assert older and codes_of(store, "ouest") == {}
        assert RecordListState(DOMAIN, store, "ouest").open(older[0])
    assert main(["codes", "--region", "ouest", "--lang", "fr", "--data-dir", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    with open_store(tmp_path) as store:
        codes = codes_of(store, "ouest")
        assert sorted(codes) == older and all(f"{code}  {name}" in printed for name, code in codes.items())
        form = RecordListState(DOMAIN, store, "ouest")
        assert form.open(older[0]) is False and form.open(older[0], codes[older[0]])
        assert give_codes(store, "ouest") == codes  # run again: the same codes
    cards = (tmp_path / "codes-ouest.html").read_text(encoding="utf-8")
    assert all(code in cards for code in codes.values()) and '<html lang="fr" dir="ltr">' in cards
    assert f"{len(codes)} code" in printed and "cartes à imprimer" in printed


def test_code_cards_escape_names_and_are_right_to_left_in_arabic(tmp_path):
    hostile = "<script>alert(1)</script>"
    with open_store(tmp_path) as store:
        form = _participant(store)
        form.open(hostile)
        form.add(_actor("APC"))
        assert form.save(hostile)
    out = tmp_path / "cartes.html"
    assert main(["codes", "--region", "est", "--lang", "ar", "--data-dir", str(tmp_path), "-o", str(out)]) == 0
    cards = out.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in cards and "رموز الجمعيات" in cards
    assert "<script>alert" not in cards and "&lt;script&gt;" in cards


def test_the_author_is_the_name_typed_with_the_device(store):
    form = _participant(store, "participant-7f3a")
    assert form.name_participant("  Amina B. ")
    form.open(MINE)
    form.add(_actor("APC de Sétif"))
    assert form.save(MINE)
    assert [rev.author for rev in store.current(DOMAIN.kind, "est")] == ["Amina B. (participant-7f3a)"]
    assert form.name_participant("x" * 81) is False
    assert [(e.field, e.code) for e in form.notice.errors] == [("participant", "too_long")]


@pytest.mark.parametrize("name", ["", "   "])
def test_without_a_name_the_author_is_the_device(store, name):
    form = _participant(store, "participant-7f3a")
    assert form.name_participant(name)
    form.open(MINE)
    form.add(_actor("APC de Sétif"))
    assert form.save(MINE)
    assert [rev.author for rev in store.current(DOMAIN.kind, "est")] == ["participant-7f3a"]


def test_the_facilitator_gives_codes_before_an_association_saves_anything(tmp_path, capsys):
    arguments = ["codes", "--region", "est", "--lang", "fr", "--data-dir", str(tmp_path)]
    assert main([*arguments, "--association", MINE, "--association", "Jeunes de Sétif"]) == 0
    with open_store(tmp_path) as store:
        code = code_of(store, "est", MINE)
        first = _participant(store)
        assert first.open("association nour el amel") is False  # registered: its code is needed already
        assert first.open("association nour el amel", code) and first.association == MINE
        first.add(_actor("APC de Sétif"))
        assert first.save(MINE, code=code) and first.created_codes == {}
        assert codes_of(store, "est")[MINE] == code
    assert main([*arguments, "--association", "x" * 300]) == 2
    assert "Association" in capsys.readouterr().err


def test_each_code_card_speaks_its_associations_language_or_french_and_arabic(samples_dir):
    out = samples_dir / "cartes.html"
    assert (
        main(
            [
                "codes",
                "--region",
                "est",
                "--lang",
                "fr",
                "--data-dir",
                str(samples_dir),
                "-o",
                str(out),
                "--association",
                "Association Sans Dossier",
            ]
        )
        == 0
    )
    page = out.read_text(encoding="utf-8")
    cards = {re.search(r"<bdi>(.*?)</bdi>", card).group(1): card for card in page.split('<div class="saara-card">')[1:]}
    hint = {lang: html.escape(t("codes.card_hint", lang)) for lang in ("fr", "ar", "en")}
    setif = cards["Association Exemple Femmes Rurales Sétif"]  # its application is in Arabic
    assert (
        '<p class="saara-card-hint" lang="ar" dir="rtl">' in setif and hint["ar"] in setif and hint["fr"] not in setif
    )
    assert "قطب الشرق" in setif and "Pôle Est" not in setif
    annaba = cards["Association Exemple Numérique Annaba"]  # in English
    assert hint["en"] in annaba and hint["fr"] not in annaba and hint["ar"] not in annaba
    unknown = cards["Association Sans Dossier"]  # no application yet: its language is not known
    assert hint["fr"] in unknown and hint["ar"] in unknown and "Pôle Est" in unknown and "قطب الشرق" in unknown
    assert (
        '<html lang="fr" dir="ltr">' in page and t("codes.title", "fr", hub="Pôle Est") in page
    )  # the facilitator's page
