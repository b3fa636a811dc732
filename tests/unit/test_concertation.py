"""The concertation plan's rules: dates in order, one Accountable, meetings inside the plan,
invitees from the register, attendance that adds up."""

from __future__ import annotations

from dataclasses import replace

import pytest

from saara_kit.concertation.domain import ACTIVITIES, COMMITMENTS, LOGFRAME, MEETINGS, PARTICIPATION
from saara_kit.concertation.domain import DOMAIN as PLANS
from saara_kit.data import sample_records
from saara_kit.exports.transfer import ImportRejected, import_every_sample, import_rows
from saara_kit.records import References
from saara_kit.registry import apps, steps
from saara_kit.validation import ValidationError

KNOWN = {
    "stakeholders": {"APC de Tlemcen": {}, "Daïra de Mansourah": {}, "APW de Tlemcen": {}},
    "concertation": {"Tri sélectif": {"start": "2027-01-10", "end": "2027-07-15"}},
}
ACTIVITY = {
    "plan": "Tri sélectif",
    "name": "Cartographie",
    "start": "2027-01-15",
    "end": "2027-02-28",
    "owner": "Président",
    "responsible": "APC de Tlemcen",
    "accountable": "APC de Tlemcen",
}
MEETING = {
    "plan": "Tri sélectif",
    "title": "Lancement",
    "date": "2027-03-10",
    "time": "9h30",
    "place": "Mairie",
    "invitees": "APC de Tlemcen; daïra de mansourah",
}


def _codes(refused) -> list[tuple[str, str]]:
    return [(error.field, error.code) for error in refused.value.errors]


def test_the_concertation_app_comes_after_the_register_it_names():
    assert apps()[:2] == ["stakeholders", "concertation"] and "meeting" in apps()
    assert [d.name for d in steps("concertation")] == [
        "concertation",
        "participation",
        "activities",
        "meetings",
        "commitments",
        "logframe",
    ]


def test_an_end_before_its_start_is_refused_on_the_end():
    with pytest.raises(ValidationError) as refused:
        PLANS.validate({"name": "Tri", "objective": "…", "start": "2027-07-01", "end": "2027-01-01"})
    assert _codes(refused) == [("end", "before")]
    assert refused.value.messages("fr") == ["« Fin » : 2027-01-01 tombe avant 2027-07-01, qui doit venir d'abord"]
    with pytest.raises(ValidationError) as refused:
        ACTIVITIES.validate({**ACTIVITY, "end": "2027-01-01"}, KNOWN)
    assert _codes(refused) == [("end", "before")]


def test_an_activity_has_exactly_one_accountable():
    assert ACTIVITIES.validate(ACTIVITY, KNOWN).accountable == "APC de Tlemcen"
    with pytest.raises(ValidationError) as refused:
        ACTIVITIES.validate({**ACTIVITY, "accountable": ""}, KNOWN)
    assert _codes(refused) == [("accountable", "required")]
    with pytest.raises(ValidationError) as refused:
        ACTIVITIES.validate({**ACTIVITY, "accountable": "APC de Tlemcen; APW de Tlemcen"}, KNOWN)
    assert _codes(refused) == [("accountable", "one_name_only")]
    assert refused.value.messages("fr") == ["« Rend compte, un seul (A) » : un seul nom ici"]


def test_invitees_come_from_the_register_each_once_in_its_spelling():
    meeting = MEETINGS.validate({**MEETING, "invitees": "APC de Tlemcen;\ndaïra de mansourah; APC DE TLEMCEN"}, KNOWN)
    assert meeting.invitees == "APC de Tlemcen; Daïra de Mansourah" and meeting.time == "09:30"
    assert MEETINGS.field("invitees").names(meeting.invitees) == ["APC de Tlemcen", "Daïra de Mansourah"]
    with pytest.raises(ValidationError) as refused:
        MEETINGS.validate({**MEETING, "invitees": "APC de Tlemcen; Wali"}, KNOWN)
    assert _codes(refused) == [("invitees", "unknown_reference")] and "Wali" in refused.value.messages("en")[0]


def test_a_meeting_outside_its_plans_period_and_attendance_that_does_not_add_up_are_refused():
    with pytest.raises(ValidationError) as refused:
        MEETINGS.validate({**MEETING, "date": "2027-08-01"}, KNOWN)
    assert _codes(refused) == [("date", "outside_plan")]
    assert "2027-01-10 – 2027-07-15" in refused.value.messages("ar")[0]
    with pytest.raises(ValidationError) as refused:
        MEETINGS.validate({**MEETING, "attendance": "12", "women": "14", "youth": "3"}, KNOWN)
    assert _codes(refused) == [("women", "more_than_attendance")]
    with pytest.raises(ValidationError) as refused:
        MEETINGS.validate({**MEETING, "time": "25:00"}, KNOWN)
    assert _codes(refused) == [("time", "not_a_time")]


def test_every_hubs_sample_plan_loads_and_a_bad_meeting_file_saves_nothing(store):
    new = import_every_sample(store)
    for declared in (PLANS, PARTICIPATION, ACTIVITIES, MEETINGS, COMMITMENTS, LOGFRAME):
        assert new[declared.name] == len(sample_records(declared)) > 0
    before = len(store.current(MEETINGS.kind))
    row = {
        "association": "Association Exemple Environnement Tlemcen",
        "plan": "Concertation tri sélectif",
        "title": "Réunion de trop",
        "date": "2027-12-01",
        "time": "10:00",
        "place": "Mairie",
        "invitees": "APC de Tlemcen",
    }
    with pytest.raises(ImportRejected) as refused:
        import_rows(store, MEETINGS, [(2, {**row, "title": "Bonne"} | {"date": "2027-02-01"}), (3, row)], "ouest")
    assert [(p.line, p.error.code) for p in refused.value.problems] == [(3, "outside_plan")]
    assert len(store.current(MEETINGS.kind)) == before


def test_two_meetings_of_one_owner_at_once_are_a_warning_that_still_imports(tmp_path, capsys):
    from saara_kit.cli import main

    plans, actors = tmp_path / "plans.csv", tmp_path / "actors.csv"
    actors.write_text(
        "association,name,type,sector,level,power,interest,position\nTafat,APC de Tlemcen,apc,water,communal,4,4,0\n"
    )
    plans.write_text("association,name,objective,start,end\nTafat,Tri sélectif,Trier,2027-01-10,2027-07-15\n")
    rows = [
        "association,plan,title,date,time,place,owner,invitees",
        "Tafat,Tri sélectif,Rencontre APC,2027-03-10,09:30,Mairie,Amina,APC de Tlemcen",
        "Tafat,Tri sélectif,Rencontre daïra,2027-03-10,11:30,Daïra,AMINA,APC de Tlemcen",  # starts as the first ends
        "Tafat,Tri sélectif,Rencontre commerçants,2027-03-10,11:15,Marché,Karim,APC de Tlemcen",
    ]
    meetings = tmp_path / "meetings.csv"
    meetings.write_text("\n".join(rows) + "\n")
    data = ["--region", "ouest", "--data-dir", str(tmp_path), "--lang", "fr"]
    for name, path in (("stakeholders", actors), ("concertation", plans)):
        assert main(["import", name, str(path), *data]) == 0
    capsys.readouterr()
    assert main(["import", "meetings", str(meetings), *data]) == 0
    warned = capsys.readouterr().err.strip().splitlines()
    assert warned == []  # 11:30 is when the 9:30 meeting ends (2 h)
    rows[2] = rows[2].replace("11:30", "11:15")
    meetings.write_text("\n".join(rows) + "\n")
    assert main(["import", "meetings", str(meetings), *data]) == 0
    assert capsys.readouterr().err.strip().splitlines() == [
        "Tafat — « Heure » : « Rencontre daïra » : AMINA anime déjà « Rencontre APC » à cette heure-là "
        "(une réunion compte 2 h)"
    ]


LOGFRAME_KNOWN = {
    "concertation": KNOWN["concertation"] | {"Autre plan": {}},
    "activities": {"Cartographie": {"plan": "Tri sélectif"}, "Ailleurs": {"plan": "Autre plan"}},
}
OUTPUT = {
    "plan": "Tri sélectif",
    "number": "1.1",
    "statement": "Les points de collecte sont choisis",
    "indicator": "Points validés",
    "baseline": "0",
    "target": "30",
}


def test_a_logframe_line_is_placed_by_its_number_and_an_indicator_needs_a_target():
    assert LOGFRAME.validate(OUTPUT, LOGFRAME_KNOWN).number == "1.1"
    activity_line = LOGFRAME.validate(
        {"plan": "Tri sélectif", "number": "1.1.1", "activity": "cartographie"}, LOGFRAME_KNOWN
    )
    assert activity_line.activity == "Cartographie"
    refusals = {
        "no_target": ({**OUTPUT, "target": ""}, [("target", "no_target")]),
        "bad_number": ({**OUTPUT, "number": "1.a"}, [("number", "logframe_number")]),
        "too_deep": ({**OUTPUT, "number": "1.1.1.1"}, [("number", "logframe_number")]),
        "activity_without_one": ({**OUTPUT, "number": "1.1.2"}, [("activity", "required")]),
        "result_without_statement": ({**OUTPUT, "statement": ""}, [("statement", "required")]),
        "activity_on_a_result": ({**OUTPUT, "activity": "Cartographie"}, [("activity", "activity_line_only")]),
        "another_plans_activity": ({**OUTPUT, "number": "2.1.1", "activity": "Ailleurs"}, [("activity", "other_plan")]),
        "not_an_activity": ({**OUTPUT, "number": "2.1.1", "activity": "Fête"}, [("activity", "unknown_reference")]),
    }
    for name, (raw, expected) in refusals.items():
        with pytest.raises(ValidationError) as refused:
            LOGFRAME.validate(raw, LOGFRAME_KNOWN)
        assert _codes(refused) == expected, name
    with pytest.raises(ValidationError) as refused:
        LOGFRAME.validate({**OUTPUT, "target": ""}, LOGFRAME_KNOWN)
    assert refused.value.messages("fr") == ["« Cible » : l'indicateur n'a pas de cible : donnez la valeur visée"]


@pytest.mark.parametrize(
    ("target", "current", "accepted"),
    [
        ("60", "12", True),
        ("60", "12,5", True),
        ("60", "une douzaine", False),
        ("60", "", True),
        ("2027-06-30", "2027-05-02", True),
        ("2027-06-30", "mai", False),
        ("2027-06-30", "12", False),
        ("oui", "non", True),
        ("40 (20)", "25 (12)", True),  # an indicator said in words takes words
    ],
)
def test_a_current_value_is_a_number_or_a_date_as_the_indicators_target_is(target, current, accepted):
    raw = {**OUTPUT, "indicator": "Familles rencontrées", "baseline": "", "target": target, "current": current}
    if accepted:
        assert LOGFRAME.validate(raw, LOGFRAME_KNOWN).current == current
        return
    with pytest.raises(ValidationError) as refused:
        LOGFRAME.validate(raw, LOGFRAME_KNOWN)
    kind = "date" if "-" in target else "number"
    assert _codes(refused) == [("current", f"indicator_{kind}")]
    said = {lang: refused.value.messages(lang)[0] for lang in ("fr", "ar", "en")}
    assert said["fr"].startswith("« Valeur actuelle » : un") and target in said["fr"]
    assert said["ar"].startswith("«القيمة الحالية»") and said["en"].startswith("“Current value”")


def test_a_reported_value_is_measured_as_its_logframe_line_says():
    from saara_kit.followup.domain import INDICATORS

    line = {"plan": "Tri sélectif", "number": "1.1", "target": "20", "baseline": "0"}
    known = {"logframe": {"Tri sélectif → 1.1": line}}
    raw = {"line": "Tri sélectif → 1.1", "measured": "2027-04-20"}
    assert INDICATORS.validate({**raw, "current": "8"}, known).current == "8"
    with pytest.raises(ValidationError) as refused:
        INDICATORS.validate({**raw, "current": "huit tonnes"}, known)
    assert _codes(refused) == [("current", "indicator_number")]


def test_the_logframe_table_reads_impact_then_each_outcome_its_outputs_and_their_activities(samples_dir):
    import openpyxl

    from saara_kit.cli import main

    path = samples_dir / "plan.xlsx"
    assert (
        main(
            [
                "export",
                "concertation",
                "--region",
                "est",
                "--lang",
                "fr",
                "-o",
                str(path),
                "--data-dir",
                str(samples_dir),
            ]
        )
        == 0
    )
    rows = [
        [cell.value for cell in row] for row in openpyxl.load_workbook(path)["Cadre logique (bailleurs)"].iter_rows()
    ]
    assert [(level, number) for _, level, number, *_ in rows[1:]] == [
        ("Impact", None),
        ("Résultat", "1"),
        ("Extrant", "1.1"),
        ("Activité", "1.1.1"),
        ("Résultat", "2"),
        ("Extrant", "2.1"),
        ("Activité", "2.1.1"),
        ("Extrant", "2.2"),
        ("Activité", "2.2.1"),
    ]
    assert rows[4][3] == "Choix du local (2027-02-05 – 2027-03-15)"  # an activity line shows the plan's activity


def test_several_names_are_one_text_and_each_is_coded_when_anonymised():
    import pandas as pd

    from saara_kit.exports.anonymise import Anonymiser

    field = MEETINGS.field("invitees")
    assert isinstance(field, References) and field.read(["B", "A", "b"]) == "B; A"
    frame = pd.DataFrame([{**MEETING, "invitees": "APC de Tlemcen; Daïra de Mansourah", "minutes": "Amina a dit…"}])
    coded = Anonymiser(b"k" * 32).frame(MEETINGS, frame)
    first, second = coded.loc[0, "invitees"].split("; ")
    assert first.startswith("X-") and second.startswith("X-") and first != second
    assert coded.loc[0, "minutes"] == ""


def test_the_meetings_export_as_a_calendar_that_parses_back(samples_dir, capsys):
    import datetime as dt

    from icalendar import Calendar

    from saara_kit.cli import main

    path = samples_dir / "reunions.ics"
    assert (
        main(
            [
                "export",
                "concertation",
                "--format",
                "ics",
                "--region",
                "sud",
                "-o",
                str(path),
                "--data-dir",
                str(samples_dir),
            ]
        )
        == 0
    )
    calendar = Calendar.from_ical(path.read_bytes())
    events = sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("dtstart"))
    assert [str(event["summary"]) for event in events] == [
        "Réunion au ksar — Association Exemple Oasis Ghardaïa",
        "Atelier DRE — Association Exemple Oasis Ghardaïa",
    ]
    first = events[0]
    assert first.decoded("dtstart") == dt.datetime(2027, 2, 3, 17, 0, tzinfo=first.decoded("dtstart").tzinfo)
    assert first.decoded("dtstart").utcoffset() == dt.timedelta(hours=1)  # Algeria: UTC+1
    assert str(first["location"]) == "Maison du ksar" and "Conseil des notables du ksar" in str(first["description"])
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Africa/Algiers"]
    uids = [str(event["uid"]) for event in events]
    assert (
        main(
            [
                "export",
                "concertation",
                "--format",
                "ics",
                "--region",
                "sud",
                "-o",
                str(path),
                "--data-dir",
                str(samples_dir),
            ]
        )
        == 0
    )
    assert [
        str(e["uid"])
        for e in sorted(
            Calendar.from_ical(path.read_bytes()).walk("VEVENT"), key=lambda event: event.decoded("dtstart")
        )
    ] == uids  # the same events again
    assert (
        main(
            [
                "export",
                "stakeholders",
                "--format",
                "ics",
                "-o",
                str(samples_dir / "x.ics"),
                "--data-dir",
                str(samples_dir),
            ]
        )
        == 2
    )
    assert "n'a rien de daté" in capsys.readouterr().err


def test_the_raci_matrix_puts_each_actors_letters_in_each_activity():
    import pandas as pd

    from saara_kit.concertation.analysis import raci_matrix

    activities = pd.DataFrame(
        [
            {
                "name": "Diagnostic",
                "responsible": "APC; Comité",
                "accountable": "APC",
                "consulted": "",
                "informed": "Radio",
            },
            {
                "name": "Restitution",
                "responsible": "Radio",
                "accountable": "Comité",
                "consulted": "APC",
                "informed": "",
            },
        ]
    )
    matrix = raci_matrix(activities)
    assert list(matrix.columns) == ["APC", "Comité", "Radio"]
    assert matrix.loc["Diagnostic"].tolist() == ["RA", "R", "I"]
    assert matrix.loc["Restitution"].tolist() == ["C", "A", "R"]
    assert raci_matrix(activities.iloc[:0]).empty


def test_the_workbook_holds_every_step_and_the_raci_sheet(samples_dir):
    import openpyxl

    from saara_kit.cli import main

    path = samples_dir / "plan.xlsx"
    assert main(["export", "concertation", "--region", "ouest", "-o", str(path), "--data-dir", str(samples_dir)]) == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Plan",
        "Participation",
        "Activités",
        "Réunions",
        "Engagements",
        "Cadre logique",
        "Qui fait quoi (RACI)",
        "Cadre logique (bailleurs)",
        "À propos",
    ]
    raci = [[cell.value for cell in row] for row in book["Qui fait quoi (RACI)"].iter_rows()]
    assert raci[0][0] == "Activité" and len(raci) == 1 + 3
    assert [raci[1][0], raci[1][raci[0].index("APC de Tlemcen")]] == ["Cartographie des points de collecte", "R"]


def test_the_gantt_chart_draws_a_bar_per_activity_and_a_diamond_per_meeting():
    from saara_kit.charts import figure_to_png
    from saara_kit.charts.style import MIN_TEXT_CSS_PX, PHONE_CHART_WIDTH_PX, smallest_text_px
    from saara_kit.concertation.charts import gantt_chart

    activities = sample_records(ACTIVITIES, "est")
    meetings = sample_records(MEETINGS, "est")
    figure = gantt_chart(activities, meetings, "ar")
    assert (figure.bars, figure.milestones) == (3, 2)
    assert "3" in figure.alt and "2" in figure.alt
    bars = [patch for patch in figure.axes[0].patches]
    assert len(bars) == 3 and bars[0].get_width() == 39  # 2027-02-05 to 2027-03-15, both days counted
    png = figure_to_png(figure)
    width = int.from_bytes(png[16:20], "big")
    assert smallest_text_px(figure) * PHONE_CHART_WIDTH_PX / width >= MIN_TEXT_CSS_PX  # readable on a phone


def test_the_raci_heatmap_colours_each_cell_by_its_strongest_role():
    from matplotlib.colors import to_hex

    from saara_kit.concertation.charts import ROLE_COLOURS, raci_heatmap

    activities = sample_records(ACTIVITIES, "ouest")
    figure = raci_heatmap(activities, "fr")
    letters = {(text.get_position(), text.get_text()) for text in figure.axes[0].texts}
    assert figure.cells == len(letters) == 13
    image = figure.axes[0].images[0]
    apc = [label.get_text() for label in figure.axes[0].get_xticklabels()].index("APC de Tlemcen")
    colour = to_hex(image.cmap(image.norm(image.get_array()[1][apc])))
    assert ((apc, 1), "RA") in letters and colour == ROLE_COLOURS["A"]  # Responsible and Accountable: A's colour


def test_commitments_progress_is_drawn_from_each_saved_revision(store):
    from saara_kit.concertation.charts import commitments_chart
    from saara_kit.store.repository import history_frame

    import_every_sample(store)
    [first, *_] = store.current(COMMITMENTS.kind, hub_id="ouest")
    later = replace(
        first, revision=first.revision + 1, payload={**first.payload, "progress": 90, "status": "in_progress"}
    )
    store.save(later)
    history = history_frame(store, COMMITMENTS, "ouest")
    assert len(history) == len(sample_records(COMMITMENTS, "ouest")) + 1
    figure = commitments_chart(history, "fr")
    assert figure.commitments == history["record_id"].nunique()
    drawn = {line.get_label(): list(line.get_ydata()) for line in figure.axes[0].lines}
    assert [steps for label, steps in drawn.items() if label.startswith(first.payload["who"])] == [
        [first.payload["progress"], 90, 90]
    ]


def test_participation_levels_are_counted_by_type_of_actor():
    from saara_kit.concertation.charts import participation_chart
    from saara_kit.stakeholders.domain import DOMAIN as STAKEHOLDERS

    participation = sample_records(PARTICIPATION, "sud")
    figure = participation_chart(participation, sample_records(STAKEHOLDERS, "sud"), "ar")
    assert figure.counts.to_numpy().sum() == len(participation)
    assert list(figure.counts.columns) == ["inform", "consult", "involve", "collaborate", "empower"]


def test_the_handout_of_one_plan_prints_offline_in_its_language(samples_dir):
    import html
    import re

    from saara_kit.cli import main

    path = samples_dir / "plan.html"
    assert (
        main(
            [
                "export",
                "concertation",
                "--region",
                "sud",
                "--association",
                "association exemple oasis ghardaia",
                "--format",
                "html",
                "-o",
                str(path),
                "--data-dir",
                str(samples_dir),
            ]
        )
        == 0
    )
    page = path.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page  # the hub's language
    assert "Association Exemple Oasis Ghardaïa" in page and "Tlemcen" not in page  # one association, its spelling
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing to fetch: it reads offline
    images = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]+)"', page)
    assert len(images) == 3 and all(images)  # the timeline, the RACI heatmap, participation by type
    activities = sample_records(ACTIVITIES, "sud")
    assert all(name in html.unescape(page) for name in activities["name"])
    assert "الإطار المنطقي (للمموّلين)" in page and "1.2.2" in page  # the funders' logframe, not its raw step
    assert page.count("<h2>") == 1 + 4 + 2  # the plan; participation, activities, meetings, commitments; RACI, logframe
