"""The facilitator's side of the support fund: reviewers' codes and assignments, the letters, the
demonstration's cards, and the applications' round trip through a workbook."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from saara_kit.cli import main
from saara_kit.data import load_hub
from saara_kit.grants.call import open_call
from saara_kit.grants.reviewers import assigned_to, reviewer_codes, reviewer_with_code
from saara_kit.registry import domain
from saara_kit.serve.demo import prepare_demo
from saara_kit.store import open_store


def test_reviewers_get_codes_and_an_even_share_of_the_submitted_applications(samples_dir, capsys):
    names = ["Dr Benali", "Mme Haddad", "M. Saïdi"]
    args = [
        "reviewers",
        "--data-dir",
        str(samples_dir),
        "--region",
        "ouest",
        "--region",
        "est",
        *(word for name in names for word in ("--reviewer", name)),
    ]
    assert main(args) == 0
    call = open_call()
    with open_store(samples_dir) as store:
        codes = reviewer_codes(store, call.id)
        loads = {name: len(assigned_to(store, call.id, name)) for name in names}
        assert (
            sorted(codes) == sorted(names)
            and reviewer_with_code(store, call.id, codes["Mme Haddad"].lower()) == "Mme Haddad"
        )
    assert loads == {name: 4 for name in names}  # 6 applications × 2 reviews, 3 reviewers
    assert main(args) == 0  # again: the same codes, no assignment twice
    with open_store(samples_dir) as store:
        assert reviewer_codes(store, call.id) == codes
        assert sum(len(assigned_to(store, call.id, name)) for name in names) == 12
    printed = capsys.readouterr().out
    assert codes["Dr Benali"] in printed and (samples_dir / f"reviewers-{call.id}.html").is_file()


def test_the_letters_command_writes_one_letter_per_submitted_application(samples_dir, tmp_path, capsys):
    assert main(["letters", "--data-dir", str(samples_dir), "-o", str(tmp_path / "letters"), "--no-pdf"]) == 0
    written = sorted(path.name for path in (tmp_path / "letters").iterdir())
    assert len(written) == 12 and all(name.endswith(".html") for name in written)
    assert "association-exemple-solidarite-bechar.html" in written
    assert "12" in capsys.readouterr().out


def _withdraw_reviews(data_dir, application: str | None = None) -> None:
    """Withdraw every review of ``application`` (of every application), as if none had been entered yet."""
    with open_store(data_dir) as store:
        kind = domain("reviews").kind
        store.save_many(
            replace(revision, revision=revision.revision + 1, deleted=True)
            for revision in store.current(kind)
            if application in (None, revision.payload["application"])
        )


def test_no_letter_is_written_before_the_reviews_and_the_missing_ones_are_named(samples_dir, tmp_path, capsys):
    _withdraw_reviews(samples_dir)  # every application submitted, no review yet
    folder = tmp_path / "letters"
    assert main(["letters", "--data-dir", str(samples_dir), "-o", str(folder), "--no-pdf"]) == 1
    said = capsys.readouterr()
    assert list(folder.iterdir()) == [] and "Lettres écrites : 0" in said.out
    assert "Association Exemple Jeunes Oran (0/2)" in said.err and "--draft" in said.err
    assert "n'a pas été évalué" not in said.out + said.err
    assert (
        main(["letters", "--data-dir", str(samples_dir), "-o", str(folder), "--no-pdf", "--draft", "--lang", "ar"]) == 0
    )
    drafts = sorted(folder.iterdir())
    assert len(drafts) == 12 and all(path.stem.endswith(("-brouillon", "-draft", "-مسودة")) for path in drafts)
    page = (folder / "association-exemple-jeunes-oran-brouillon.html").read_text(encoding="utf-8")
    assert "saara-letter-watermark" in page and "BROUILLON — décision non définitive" in page
    said = capsys.readouterr()
    assert "الرسائل المكتوبة: 0" in said.out and "مسودات لا تُرسل" in said.err


def test_letters_wait_for_the_reviews_of_others_before_saying_who_is_selected(samples_dir, tmp_path, capsys):
    _withdraw_reviews(samples_dir, "Association Exemple Artisans Blida")  # eligible, not reviewed any more
    folder = tmp_path / "letters"
    assert main(["letters", "--data-dir", str(samples_dir), "-o", str(folder), "--no-pdf"]) == 1
    written = {path.name for path in folder.iterdir()}
    assert "association-exemple-solidarite-bechar.html" in written  # ineligible: final whatever the others
    assert "association-exemple-patrimoine-constantine.html" in written  # below the threshold: final too
    assert "association-exemple-artisans-blida.html" not in written  # not reviewed
    assert "association-exemple-environnement-tlemcen.html" not in written  # selected, until Blida is scored
    err = capsys.readouterr().err
    assert "Association Exemple Artisans Blida (0/2)" in err and "Association Exemple Environnement Tlemcen" in err


def test_the_demonstration_gives_its_associations_and_two_reviewers_their_cards(samples_dir):
    url = f"sqlite:///{samples_dir / 'saara.db'}"
    associations, reviewers = prepare_demo(url, load_hub("sud"), samples_dir, "ar")
    assert "Association Exemple Oasis Ghardaïa" in associations.read_text(encoding="utf-8")
    with open_store(samples_dir) as store:
        codes = reviewer_codes(store, open_call().id)
        assert len(codes) == 2 and all(len(assigned_to(store, open_call().id, name)) == 3 for name in codes)
    assert all(code in reviewers.read_text(encoding="utf-8") for code in codes.values())


def test_the_applications_and_reviews_of_a_hub_make_the_round_trip_through_a_workbook(samples_dir, tmp_path, capsys):
    workbook = tmp_path / "fonds.xlsx"
    common = ["--data-dir", str(samples_dir), "--region", "ouest"]
    assert main(["export", "grants", "--format", "xlsx", "-o", str(workbook), *common]) == 0
    with open_store(samples_dir) as store:
        before = store.count_rows()
    assert main(["import", "grants", str(workbook), *common]) == 0
    with open_store(samples_dir) as store:
        assert store.count_rows() == before  # nothing new: the same records, the same revisions
    assert "0" in capsys.readouterr().out.splitlines()[-1]


def test_the_funds_tables_join_a_store_opened_before_they_were_declared(tmp_path):
    """The store declares only its own tables; the fund's (``saara_kit.grants.tables``) are created
    with them once imported, or when first needed by a store opened before (a fresh interpreter)."""
    script = (
        "from saara_kit.store import open_store\n"
        "from saara_kit.store.schema import metadata\n"
        "assert 'reviewers' not in metadata.tables\n"
        f"store = open_store(db_url='sqlite:///{tmp_path / 'saara.db'}')\n"
        "from saara_kit.grants.reviewers import add_reviewers, assigned_to\n"
        "assert list(add_reviewers(store, 'appel-test', ['Amina'])) == ['Amina']\n"
        "assert assigned_to(store, 'appel-test', 'Amina') == []\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
