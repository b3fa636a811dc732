"""`saara-kit import/export stakeholders`: French Excel CSV, XLSX, all-or-nothing, safe cells."""

from __future__ import annotations

import csv

import openpyxl
import pytest

from saara_kit.cli import main
from saara_kit.data import sample_records
from saara_kit.exports.tables import decode_text, read_table
from saara_kit.exports.transfer import import_samples
from saara_kit.stakeholders.domain import DOMAIN
from saara_kit.store import open_store

KIND = DOMAIN.kind

FRENCH_EXCEL_CSV = (
    "Association;Nom;Nom en arabe;Type d'acteur;Secteur;Niveau territorial;Pouvoir;Intérêt;Position;Notes\r\n"
    "Association Tafat;APC d'Oran;بلدية وهران;APC (commune);Gouvernance locale;Communal;4,0;5;1;Prête un local\r\n"
    "Association Tafat;Direction de l'Environnement;مديرية البيئة;Direction de wilaya;Environnement;Wilaya;4;3,0;2;\r\n"
    "Association Tafat;Promoteur immobilier;مرقي عقاري;Entreprise privée;Économie et emploi;Wilaya;3;2;-2;Convoite le terrain\r\n"
)


def _write(path, text: str, encoding: str = "utf-8-sig"):
    path.write_bytes(text.encode(encoding))
    return path


def _cli(*args, data_dir) -> int:
    return main([*args, "--data-dir", str(data_dir)])


def _current(data_dir):
    store = open_store(data_dir)
    try:
        return {rev.payload["name"]: rev for rev in store.current(KIND)}
    finally:
        store.close()


def test_french_excel_csv_with_arabic_names_is_imported(tmp_path, capsys):
    source = _write(tmp_path / "acteurs.csv", FRENCH_EXCEL_CSV)
    assert _cli("import", "stakeholders", str(source), "--region", "ouest", data_dir=tmp_path) == 0
    saved = _current(tmp_path)
    assert set(saved) == {"APC d'Oran", "Direction de l'Environnement", "Promoteur immobilier"}
    apc = saved["APC d'Oran"]
    assert (apc.region, apc.association, apc.payload["name_ar"]) == ("ouest", "Association Tafat", "بلدية وهران")
    assert (apc.payload["type"], apc.payload["power"], apc.payload["interest"]) == ("apc", 4, 5)
    assert saved["Promoteur immobilier"].payload["position"] == -2
    assert "3 lignes importées" in capsys.readouterr().out


def test_english_comma_csv_and_xlsx_are_imported(tmp_path):
    english = "association,name,type,sector,level,power,interest,position\nAsso B,Radio El Bahdja,media,culture,wilaya,3,2,0\n"
    assert (
        _cli(
            "import",
            "stakeholders",
            str(_write(tmp_path / "en.csv", english, "utf-8")),
            "--region",
            "centre",
            data_dir=tmp_path,
        )
        == 0
    )
    book = openpyxl.Workbook()
    book.active.append(["Name", "Type of actor", "Sector", "Territorial level", "Power", "Interest", "Position"])
    book.active.append(["APC de Blida", "APC (municipality)", "Water", "Municipal", 4.0, 4, -1])
    book.save(tmp_path / "list.xlsx")
    assert (
        _cli(
            "import",
            "stakeholders",
            str(tmp_path / "list.xlsx"),
            "--region",
            "centre",
            "--association",
            "Asso B",
            data_dir=tmp_path,
        )
        == 0
    )
    saved = _current(tmp_path)
    assert saved["APC de Blida"].payload["position"] == -1
    assert {rev.association for rev in saved.values()} == {"Asso B"}


def test_bad_rows_are_all_reported_and_nothing_is_saved(tmp_path, capsys):
    _cli(
        "import",
        "stakeholders",
        str(_write(tmp_path / "ok.csv", FRENCH_EXCEL_CSV)),
        "--region",
        "ouest",
        data_dir=tmp_path,
    )
    before = _current(tmp_path)
    bad = FRENCH_EXCEL_CSV.replace("4,0;5;1", "4,0;9;1").replace("Entreprise privée", "Ministère")
    bad += "Association Tafat;;;APC (commune);Eau;Communal;2;2;0;\r\n"
    bad += "Association Tafat;Radio Oran;إذاعة وهران;Média;Culture;Wilaya;2;3;0;valid and new\r\n"
    capsys.readouterr()
    code = _cli(
        "import", "stakeholders", str(_write(tmp_path / "bad.csv", bad)), "--region", "ouest", data_dir=tmp_path
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "Ligne 2 — « Intérêt » : doit être compris entre 1 et 5" in err
    assert "Ligne 4 — « Type d'acteur » : « Ministère » n'est pas un choix proposé" in err
    assert "Ligne 5 — « Nom » : champ obligatoire" in err
    assert "Rien n'a été enregistré" in err
    assert _current(tmp_path) == before


def test_errors_follow_the_chosen_language(tmp_path, capsys):
    bad = FRENCH_EXCEL_CSV.replace("4,0;5;1", "4,0;9;1")
    code = _cli(
        "import",
        "stakeholders",
        str(_write(tmp_path / "bad.csv", bad)),
        "--region",
        "ouest",
        "--lang",
        "ar",
        data_dir=tmp_path,
    )
    assert code == 1
    assert "السطر 2 — «الاهتمام»: يجب أن يكون بين 1 و5" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        ("Nom;Pouvoir\n\x00\x9d\x81;3\n", "binary.csv", "« CSV UTF-8 » ou « Classeur Excel (.xlsx) »"),
        (
            "Nom;Pouvoir\nAPC;3\n",
            "cols.csv",
            "Colonnes manquantes : Association, Type d'acteur, Secteur, Niveau territorial, Intérêt, Position.",
        ),
        ("Nom;Pouvoir\n", "empty.csv", "aucune ligne de données"),
        ("irrelevant", "notes.txt", "Format non pris en charge : .txt"),
        (None, "absent.csv", "Fichier introuvable"),
    ],
)
def test_unreadable_files_get_a_clear_message(tmp_path, capsys, content, name, expected):
    if name == "binary.csv":
        path = tmp_path / name
        path.write_bytes(content.encode("latin-1"))
    else:
        path = _write(tmp_path / name, content) if content is not None else tmp_path / name
    assert _cli("import", "stakeholders", str(path), "--region", "ouest", data_dir=tmp_path) == 2
    assert expected in capsys.readouterr().err
    assert _current(tmp_path) == {}


def test_reimporting_updates_by_name_without_duplicates(tmp_path):
    path = _write(tmp_path / "a.csv", FRENCH_EXCEL_CSV)
    _cli("import", "stakeholders", str(path), "--region", "ouest", data_dir=tmp_path)
    _cli("import", "stakeholders", str(path), "--region", "ouest", data_dir=tmp_path)
    assert open_store(tmp_path).count_rows() == 3
    _write(path, FRENCH_EXCEL_CSV.replace("3;2;-2", "3;2;-1"))
    _cli("import", "stakeholders", str(path), "--region", "ouest", data_dir=tmp_path)
    promoter = _current(tmp_path)["Promoteur immobilier"]
    assert (promoter.revision, promoter.payload["position"]) == (2, -1)
    assert len(_current(tmp_path)) == 3


def test_export_neutralises_formulas_and_round_trips(tmp_path):
    hostile = FRENCH_EXCEL_CSV + 'Association Tafat;=HYPERLINK("http://x");;Média;Culture;Wilaya;1;1;0;@SUM(A1)\r\n'
    _cli("import", "stakeholders", str(_write(tmp_path / "in.csv", hostile)), "--region", "ouest", data_dir=tmp_path)

    assert _cli("export", "stakeholders", "--format", "csv", "-o", str(tmp_path / "out.csv"), data_dir=tmp_path) == 0
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    names = {row["Nom"] for row in rows}
    assert '\'=HYPERLINK("http://x")' in names
    assert {row["Notes"] for row in rows} >= {"'@SUM(A1)"}
    assert {row["Position"] for row in rows} >= {"Très opposé"}  # a choice, by its label
    assert {row["Pouvoir"] for row in rows} <= {"1", "2", "3", "4", "5"}  # numbers are not touched
    assert {row["Stratégie"] for row in rows} >= {"Gérer de près"}

    assert _cli("export", "stakeholders", "--format", "xlsx", "-o", str(tmp_path / "out.xlsx"), data_dir=tmp_path) == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert any(cell.value == "'@SUM(A1)" for cell in cells)

    other = tmp_path / "other"
    assert _cli("import", "stakeholders", str(tmp_path / "out.xlsx"), "--region", "ouest", data_dir=other) == 0
    assert {name: rev.payload for name, rev in _current(other).items()} == {
        name: rev.payload for name, rev in _current(tmp_path).items()
    }  # the protective apostrophe is gone again: "=HYPERLINK(…)" comes back as it was typed


def test_sample_data_loads_once_per_hub(store):
    assert import_samples(store, DOMAIN) == len(sample_records(DOMAIN))
    assert import_samples(store, DOMAIN) == 0
    assert {rev.region for rev in store.current(KIND)} == {"centre", "ouest", "est", "sud"}
    assert all(rev.author == "sample" for rev in store.current(KIND))


def test_a_name_given_twice_in_one_file_is_refused(tmp_path, capsys):
    twice = FRENCH_EXCEL_CSV + "Association Tafat;apc d'oran;;APC (commune);Eau;Communal;2;2;0;\r\n"
    code = _cli(
        "import", "stakeholders", str(_write(tmp_path / "twice.csv", twice)), "--region", "ouest", data_dir=tmp_path
    )
    assert code == 1
    assert "Ligne 5 — « Nom » : déjà présent à la ligne 2" in capsys.readouterr().err
    assert _current(tmp_path) == {}


def test_association_option_overrides_the_files_column(tmp_path):
    path = _write(tmp_path / "a.csv", FRENCH_EXCEL_CSV)
    assert (
        _cli("import", "stakeholders", str(path), "--region", "ouest", "--association", "Asso C", data_dir=tmp_path)
        == 0
    )
    assert {rev.association for rev in _current(tmp_path).values()} == {"Asso C"}


def test_a_corrupt_workbook_is_refused_with_a_message_not_a_traceback(tmp_path, capsys):
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    assert _cli("import", "stakeholders", str(tmp_path / "broken.xlsx"), "--region", "ouest", data_dir=tmp_path) == 2
    assert "Le fichier ne peut pas être lu (BadZipFile)" in capsys.readouterr().err


def test_control_characters_in_a_cell_are_refused(tmp_path, capsys):
    nul = FRENCH_EXCEL_CSV.replace("APC d'Oran", "APC\x00d'Oran")
    assert (
        _cli("import", "stakeholders", str(_write(tmp_path / "nul.csv", nul)), "--region", "ouest", data_dir=tmp_path)
        == 1
    )
    assert "Ligne 2 — « Nom » : contient des caractères de contrôle" in capsys.readouterr().err


def test_import_and_export_through_a_postgresql_url(postgres_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = _write(tmp_path / "acteurs.csv", FRENCH_EXCEL_CSV)
    assert main(["import", "stakeholders", str(source), "--region", "ouest", "--db-url", postgres_url]) == 0
    assert (
        main(["export", "stakeholders", "--format", "csv", "-o", str(tmp_path / "out.csv"), "--db-url", postgres_url])
        == 0
    )
    with open(tmp_path / "out.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert sorted(row["Nom en arabe"] for row in rows) == sorted(["بلدية وهران", "مديرية البيئة", "مرقي عقاري"])
    assert not (tmp_path / "workshop-data").exists()


def _export(tmp_path, name="out.xlsx", *extra) -> object:
    assert _cli("export", "stakeholders", "-o", str(tmp_path / name), *extra, data_dir=tmp_path) == 0
    return tmp_path / name


def test_an_edited_export_updates_its_records_instead_of_adding_new_ones(tmp_path, capsys):
    _cli(
        "import",
        "stakeholders",
        str(_write(tmp_path / "in.csv", FRENCH_EXCEL_CSV)),
        "--region",
        "ouest",
        data_dir=tmp_path,
    )
    book = openpyxl.load_workbook(_export(tmp_path))
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert {"Identifiant", "Révision"} <= set(headers)
    name, power = headers.index("Nom") + 1, headers.index("Pouvoir") + 1
    row = next(r for r in range(2, 5) if sheet.cell(r, name).value == "APC d'Oran")
    sheet.cell(row, name).value = "APC d'Oran (commune)"  # renamed: found by its id, not its name
    sheet.cell(row, power).value = 2
    book.save(tmp_path / "edited.xlsx")
    capsys.readouterr()
    assert _cli("import", "stakeholders", str(tmp_path / "edited.xlsx"), "--region", "ouest", data_dir=tmp_path) == 0
    assert "nouvelles révisions : 1" in capsys.readouterr().out
    saved = _current(tmp_path)
    assert len(saved) == 3 and (
        saved["APC d'Oran (commune)"].revision,
        saved["APC d'Oran (commune)"].payload["power"],
    ) == (2, 2)


def test_an_unchanged_export_reimported_writes_nothing(tmp_path, capsys):
    _cli(
        "import",
        "stakeholders",
        str(_write(tmp_path / "in.csv", FRENCH_EXCEL_CSV)),
        "--region",
        "ouest",
        data_dir=tmp_path,
    )
    rows = open_store(tmp_path).count_rows()
    for name in ("again.csv", "again.xlsx"):
        capsys.readouterr()
        assert _cli("import", "stakeholders", str(_export(tmp_path, name)), "--region", "ouest", data_dir=tmp_path) == 0
        assert "nouvelles révisions : 0" in capsys.readouterr().out
    assert open_store(tmp_path).count_rows() == rows


def test_an_export_older_than_the_store_is_a_conflict_and_saves_nothing(tmp_path, capsys):
    _cli(
        "import",
        "stakeholders",
        str(_write(tmp_path / "in.csv", FRENCH_EXCEL_CSV)),
        "--region",
        "ouest",
        data_dir=tmp_path,
    )
    old = _export(tmp_path, "old.csv")
    _cli(
        "import",
        "stakeholders",
        str(_write(tmp_path / "b.csv", FRENCH_EXCEL_CSV.replace("3;2;-2", "3;2;-1"))),
        "--region",
        "ouest",
        data_dir=tmp_path,
    )  # the store moves on to revision 2
    before = _current(tmp_path)
    text = old.read_text(encoding="utf-8-sig").replace("Prête un local", "Prête deux locaux")
    old.write_text(text, encoding="utf-8-sig")
    capsys.readouterr()
    assert _cli("import", "stakeholders", str(old), "--region", "ouest", data_dir=tmp_path) == 1
    err = capsys.readouterr().err
    assert "« Révision » : modifié entre-temps (révision 2 dans la base)" in err and "Ligne" in err
    assert _current(tmp_path) == before


def test_formulas_come_back_exactly_as_typed(tmp_path):
    odd = FRENCH_EXCEL_CSV + "Association Tafat;=1+2;;Média;Culture;Wilaya;1;1;0;'déjà cité\r\n"
    _cli("import", "stakeholders", str(_write(tmp_path / "in.csv", odd)), "--region", "ouest", data_dir=tmp_path)
    other = tmp_path / "other"
    for name in ("x.csv", "x.xlsx"):
        assert _cli("import", "stakeholders", str(_export(tmp_path, name)), "--region", "ouest", data_dir=other) == 0
    saved = _current(other)
    assert saved["=1+2"].payload["notes"] == "'déjà cité" and "'=1+2" not in saved
    assert len(saved) == 4


def test_choices_are_accepted_by_their_label_in_any_language(tmp_path):
    mixed = (
        FRENCH_EXCEL_CSV.replace("Communal;4,0;5;1", "Communal;4,0;5;Plutôt favorable")
        .replace("Wilaya;4;3,0;2", "Wilaya;4;3,0;مؤيد نوعًا ما")
        .replace("Wilaya;3;2;-2", "Wilaya;3;2;Strongly against")
    )
    assert (
        _cli("import", "stakeholders", str(_write(tmp_path / "m.csv", mixed)), "--region", "ouest", data_dir=tmp_path)
        == 0
    )
    assert sorted(rev.payload["position"] for rev in _current(tmp_path).values()) == [-2, 1, 1]


def test_output_is_written_exactly_where_asked(tmp_path):
    _cli(
        "import",
        "stakeholders",
        str(_write(tmp_path / "in.csv", FRENCH_EXCEL_CSV)),
        "--region",
        "ouest",
        data_dir=tmp_path,
    )
    assert _cli("export", "stakeholders", "--format", "csv", "-o", str(tmp_path / "x.csv2"), data_dir=tmp_path) == 0
    assert (tmp_path / "x.csv2").exists() and not (tmp_path / "x.csv").exists()


def test_xlsx_export_looks_finished_and_is_right_to_left_in_arabic(tmp_path):
    _cli(
        "import",
        "stakeholders",
        str(_write(tmp_path / "in.csv", FRENCH_EXCEL_CSV)),
        "--region",
        "ouest",
        data_dir=tmp_path,
    )
    book = openpyxl.load_workbook(_export(tmp_path, "ar.xlsx", "--region", "ouest", "--lang", "ar"))
    data, *_, about = book.worksheets
    assert data.title == "الفاعلون" and data.sheet_view.rightToLeft
    assert data.freeze_panes == "A2" and data.column_dimensions["C"].width > 10
    assert data["C1"].value == "الاسم" and data["C1"].font.bold
    assert ["القطب", "قطب الغرب"] in [[c.value for c in row] for row in about.iter_rows()]


def test_template_has_translated_headers_dropdowns_and_instructions(tmp_path, capsys):
    assert _cli("import", "stakeholders", "--template", "-o", str(tmp_path / "modele.xlsx"), data_dir=tmp_path) == 0
    assert "modele.xlsx" in capsys.readouterr().out
    book = openpyxl.load_workbook(tmp_path / "modele.xlsx")
    data = book.worksheets[0]
    headers = [cell.value for cell in data[1]]
    assert headers[:4] == ["Association", "Nom", "Nom en arabe", "Type d'acteur"]
    lists = {str(rule.sqref).split(":")[0].rstrip("0123456789"): rule for rule in data.data_validations.dataValidation}
    type_rule = lists[openpyxl.utils.get_column_letter(headers.index("Type d'acteur") + 1)]
    assert type_rule.type == "list"
    listed = book[type_rule.formula1.split("!")[0].strip("'")]
    assert "APC (commune)" in [cell.value for cell in listed["D"]] and listed.sheet_state == "hidden"
    guide = [[cell.value for cell in row] for row in book["Instructions"].iter_rows()]
    assert ["Pouvoir", "oui", "nombre entier de 1 à 5"] in guide
    assert _cli("import", "stakeholders", "--template", data_dir=tmp_path) == 2  # no -o: said, not a traceback


def test_a_filled_template_imports(tmp_path):
    _cli("import", "stakeholders", "--template", "-o", str(tmp_path / "t.xlsx"), "--lang", "en", data_dir=tmp_path)
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    book.worksheets[0].append(
        ["Asso T", "APC of Tiaret", "", "APC (municipality)", "Water", "Municipal", 4, 4, "Rather in favour", ""]
    )
    book.save(tmp_path / "t.xlsx")
    assert _cli("import", "stakeholders", str(tmp_path / "t.xlsx"), "--region", "ouest", data_dir=tmp_path) == 0
    assert _current(tmp_path)["APC of Tiaret"].payload["position"] == 1


def test_a_duplicated_column_is_refused(tmp_path, capsys):
    twice = FRENCH_EXCEL_CSV.replace("Association;Nom;", "Association;Nom;Nom;", 1).replace(
        "Association Tafat;", "Association Tafat;x;"
    )
    assert (
        _cli("import", "stakeholders", str(_write(tmp_path / "d.csv", twice)), "--region", "ouest", data_dir=tmp_path)
        == 2
    )
    assert "Colonne en double : Nom" in capsys.readouterr().err


def test_a_workbook_with_a_stale_dimension_imports_every_row(tmp_path):
    import zipfile

    book = openpyxl.Workbook()
    book.active.append(
        ["Association", "Nom", "Type d'acteur", "Secteur", "Niveau territorial", "Pouvoir", "Intérêt", "Position"]
    )
    for index in range(5):
        book.active.append(["Asso S", f"Acteur {index}", "apc", "water", "communal", 3, 3, 0])
    book.save(tmp_path / "fresh.xlsx")
    with zipfile.ZipFile(tmp_path / "fresh.xlsx") as source, zipfile.ZipFile(tmp_path / "stale.xlsx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'ref="A1:H6"', b'ref="A1:H3"', 1)
                assert b'ref="A1:H3"' in data
            target.writestr(item, data)
    assert _cli("import", "stakeholders", str(tmp_path / "stale.xlsx"), "--region", "ouest", data_dir=tmp_path) == 0
    assert len(_current(tmp_path)) == 5


def _refused(capsys, path, data_dir) -> str:
    """Import ``path``; assert it was refused with nothing saved; return what the facilitator read."""
    assert _cli("import", "stakeholders", str(path), "--region", "ouest", data_dir=data_dir) == 2
    assert _current(data_dir) == {}
    return capsys.readouterr().err


def test_big_files_long_cells_and_endless_rows_are_refused_before_parsing(tmp_path, capsys):
    from saara_kit.exports.tables import MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_ROWS

    header, row = FRENCH_EXCEL_CSV.split("\r\n")[:2]
    huge = _write(tmp_path / "huge.csv", header + "\r\n" + "x;" * (MAX_FILE_BYTES // 2 + 1))
    assert "Le fichier est trop gros" in _refused(capsys, huge, tmp_path)

    endless = _write(tmp_path / "endless.csv", header + "\r\n" + (row + "\r\n") * (MAX_ROWS + 1))
    assert f"trop de lignes de données (au plus : {MAX_ROWS})" in _refused(capsys, endless, tmp_path)

    long_cell = _write(tmp_path / "long.csv", FRENCH_EXCEL_CSV.replace("Prête un local", "é" * (MAX_CELL_CHARS + 1)))
    assert f"Ligne 2, colonne 10 : texte trop long (caractères : {MAX_CELL_CHARS + 1} ;" in _refused(
        capsys, long_cell, tmp_path
    )


def test_a_workbook_that_unpacks_to_too_much_is_refused(tmp_path, capsys):
    import zipfile

    book = openpyxl.Workbook()
    book.active.append(["Association", "Nom"])
    book.save(tmp_path / "book.xlsx")
    with zipfile.ZipFile(tmp_path / "book.xlsx", "a", zipfile.ZIP_DEFLATED) as parts:  # 30 MB of zeros in 30 kB
        parts.writestr("xl/media/padding.bin", bytes(30_000_000))
    assert "Ce classeur se décompresse en 30 Mo (au plus 20 Mo)" in _refused(capsys, tmp_path / "book.xlsx", tmp_path)


def test_an_id_from_another_hub_is_refused_not_moved(tmp_path, capsys):
    _cli(
        "import",
        "stakeholders",
        str(_write(tmp_path / "in.csv", FRENCH_EXCEL_CSV)),
        "--region",
        "ouest",
        data_dir=tmp_path,
    )
    exported = _export(tmp_path, "all.csv")
    capsys.readouterr()
    assert _cli("import", "stakeholders", str(exported), "--region", "sud", data_dir=tmp_path) == 1
    assert "appartient à un autre pôle" in capsys.readouterr().err
    with open_store(tmp_path) as store:
        assert {rev.region for rev in store.current(KIND)} == {"ouest"}


def test_one_association_spelled_two_ways_in_a_file_stays_one(tmp_path):
    two = FRENCH_EXCEL_CSV.replace("Association Tafat;Direction", "association  tafat;Direction")
    assert (
        _cli("import", "stakeholders", str(_write(tmp_path / "two.csv", two)), "--region", "ouest", data_dir=tmp_path)
        == 0
    )
    assert {rev.association for rev in _current(tmp_path).values()} == {"Association Tafat"}


def test_samples_never_revert_what_participants_changed(store):
    import_samples(store, DOMAIN)
    first = store.current(KIND, hub_id="ouest")[0]
    edited = first.__class__(
        **{**first.__dict__, "revision": 2, "payload": {**first.payload, "power": 1}, "author": "participant"}
    )
    store.save(edited)
    assert import_samples(store, DOMAIN) == 0
    assert store.current(KIND, hub_id="ouest")[0].payload["power"] == 1


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Association;Nom\nJeunes de Sétif;Élue à l'APC\n", "cp1252"),
        ("Association;Nom\nÉCOLE ÉLAN;SOCIÉTÉ CIVILE\n", "cp1252"),
        ("Association;Nom\nجمعية النور;بلدية وهران\n", "cp1256"),
        ("Association;Nom\nجمعية النور;Mairie de Sétif\n", "cp1256"),
        ("Association\tNom\nJeunes de Sétif\tبلدية وهران\n", "utf-16"),
        ("Association;Nom\nJeunes de Sétif;بلدية وهران\n", "utf-8"),
    ],
)
def test_excel_csv_in_windows_code_pages_and_unicode_text_is_read_as_typed(tmp_path, text, encoding):
    path = tmp_path / "acteurs.csv"
    path.write_bytes(text.encode(encoding))
    assert decode_text(path.read_bytes()) == text
    [(line, row)] = read_table(path)
    assert line == 2 and list(row.values()) == text.splitlines()[1].replace("\t", ";").split(";")
