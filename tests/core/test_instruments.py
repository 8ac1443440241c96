"""Questionnaire definitions and scoring: PEG, PHQ-9 (+PHQ-2), GAD-7 (+GAD-2)."""

import copy
import json
from importlib import resources
from pathlib import Path

import pytest

from pacewise.core.instruments import (
    CannotCompare,
    CannotScore,
    DefinitionError,
    InvalidAnswers,
    change,
    parse_definition,
    safety_flags,
    score,
    short_form,
)
from pacewise.instruments import load_all, load_dir

# ../shared beside the checkout (as on developer machines and in CI)
FHIR_PHQ9 = (
    Path(__file__).resolve().parents[3]
    / "shared/fixtures/fhir-r4-core/Questionnaire-phq-9-questionnaire.json"
)
STEM_PHQ = (
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
)
STEM_GAD = "Over the last 2 weeks, how often have you been bothered by the following problems?"
FREQUENCY = ["Not at all", "Several days", "More than half the days", "Nearly every day"]


@pytest.fixture(scope="module")
def shipped():
    return load_all()


@pytest.fixture(scope="module")
def phq9(shipped):
    return shipped["phq9"]


@pytest.fixture(scope="module")
def gad7(shipped):
    return shipped["gad7"]


@pytest.fixture(scope="module")
def peg(shipped):
    return shipped["peg"]


def answers(prefix, values):
    return {f"{prefix}_{n}": v for n, v in enumerate(values, start=1)}


def totalling(n_items, total, prefix):
    """Answers (0-3 each) that add up to `total`, filling from item 1 so item 9 fills last."""
    values = []
    for _ in range(n_items):
        values.append(min(3, total))
        total -= values[-1]
    return answers(prefix, values)


def raw(name):
    text = resources.files("pacewise.instruments").joinpath(f"{name}.json").read_text("utf-8")
    return json.loads(text)


# ---------------------------------------------------------------- shipped files


def test_every_shipped_file_parses_with_citation_and_licence(shipped):
    assert {"peg", "phq9", "gad7"} <= set(shipped)
    for inst in shipped.values():
        assert inst.citation.strip() and inst.licence.strip()
        assert inst.mcid is not None and inst.mcid.source
        assert inst.recall_period


def test_phq9_and_gad7_ship_the_standard_wording(phq9, gad7):
    assert phq9.stem == STEM_PHQ
    assert gad7.stem == STEM_GAD
    for item in phq9.scored_items + gad7.scored_items:
        assert [o.text for o in item.options] == FREQUENCY
        assert [o.value for o in item.options] == [0, 1, 2, 3]
    nine = phq9.item("phq9_9")
    assert nine.text == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert nine.safety == "self_harm" and nine.loinc == "44260-8"
    assert gad7.item("gad7_1").text == "Feeling nervous, anxious or on edge"


def test_phq9_difficulty_question_is_shipped_but_not_scored(phq9):
    assert len(phq9.scored_items) == 9
    assert not phq9.item("phq9_difficulty").scored


def test_loinc_codes(phq9, gad7, peg):
    assert (phq9.loinc_panel, phq9.loinc_total) == ("44249-1", "44261-6")
    assert (gad7.loinc_panel, gad7.loinc_total) == ("69737-5", "70274-6")
    assert peg.loinc_panel == "91148-7"
    assert phq9.subscale("phq2").loinc_total == "55758-7"


@pytest.mark.skipif(not FHIR_PHQ9.exists(), reason="shared FHIR fixture not present")
def test_phq9_item_codes_match_the_hl7_example_questionnaire(phq9):
    fixture = json.loads(FHIR_PHQ9.read_text())
    codes = [i["code"][0]["code"] for i in fixture["item"]]
    # The HL7 example omits item 9; its items 1-8, total and difficulty are in order.
    assert codes[:8] == [i.loinc for i in phq9.scored_items[:8]]
    assert codes[8] == phq9.loinc_total
    assert codes[9] == phq9.item("phq9_difficulty").loinc


# ---------------------------------------------------------------- PHQ-9


def test_phq9_hand_worked_example(phq9):
    result = score(phq9, answers("phq9", [1, 2, 0, 3, 1, 0, 2, 1, 0]))
    assert result.total == 10
    assert result.band_label == "Moderate"
    assert result.suggest_clinician
    assert "talking with a clinician" in result.interpretation
    assert result.subscale("phq2").total == 3 and result.subscale("phq2").positive_screen
    assert not result.prorated and result.missing_items == ()


def test_phq9_all_zeros_and_all_max(phq9):
    low = score(phq9, answers("phq9", [0] * 9))
    assert (low.total, low.band_label, low.suggest_clinician) == (0, "Minimal", False)
    high = score(phq9, answers("phq9", [3] * 9))
    assert (high.total, high.band_label) == (27, "Severe")


@pytest.mark.parametrize(
    ("total", "label"),
    [
        (4, "Minimal"),
        (5, "Mild"),
        (9, "Mild"),
        (10, "Moderate"),
        (14, "Moderate"),
        (15, "Moderately severe"),
        (19, "Moderately severe"),
        (20, "Severe"),
        (27, "Severe"),
    ],
)
def test_phq9_band_boundaries(phq9, total, label):
    result = score(phq9, totalling(9, total, "phq9"))
    assert result.total == total
    assert result.band_label == label


def test_phq9_difficulty_answer_does_not_change_the_total(phq9):
    given = answers("phq9", [1] * 9)
    assert score(phq9, {**given, "phq9_difficulty": 3}).total == score(phq9, given).total == 9


@pytest.mark.parametrize(
    ("item1", "item2", "positive"), [(1, 1, False), (2, 1, True), (0, 3, True)]
)
def test_phq2_positive_screen_at_3(phq9, item1, item2, positive):
    result = score(phq9, answers("phq9", [item1, item2] + [0] * 7))
    assert result.subscale("phq2").positive_screen is positive


def test_phq2_given_alone_as_a_short_form(phq9):
    phq2 = short_form(phq9, "phq2")
    assert phq2.score_range == (0, 6) and phq2.loinc_total == "55758-7"
    assert score(phq2, {"phq9_1": 1, "phq9_2": 1}).band_label == "Negative screen"
    positive = score(phq2, {"phq9_1": 2, "phq9_2": 1})
    assert positive.band_label == "Positive screen" and positive.suggest_clinician
    with pytest.raises(CannotScore):
        score(phq2, {"phq9_1": 2})


def test_phq9_prorates_one_blank_from_the_mean_of_the_rest(phq9):
    given = answers("phq9", [2] * 8)  # item 9 left blank
    result = score(phq9, given)
    assert result.total == 18
    assert result.prorated and result.missing_items == ("phq9_9",)
    assert result.safety_unanswered == ("phq9_9",)
    assert "estimate" in result.interpretation


def test_phq9_prorated_total_rounds_half_up(phq9):
    # 8 answered adding to 4: 4 / 8 * 9 = 4.5 -> 5 (not banker's 4)
    result = score(phq9, answers("phq9", [1, 1, 1, 1, 0, 0, 0, None, 0]))
    assert result.total == 5


def test_phq9_two_blanks_prorated_three_refused(phq9):
    two = answers("phq9", [1, 1, 1, 1, 1, 1, 1, None, None])
    assert score(phq9, two).total == 9
    three = answers("phq9", [1, 1, 1, 1, 1, 1, None, None, None])
    with pytest.raises(CannotScore, match="at least 7 of its 9") as err:
        score(phq9, three)
    assert "phq9_7, phq9_8, phq9_9" in str(err.value)


def test_phq2_is_left_out_when_its_items_are_blank(phq9):
    result = score(phq9, answers("phq9", [None, 2, 1, 1, 1, 1, 1, 1, 0]))
    assert result.prorated and result.subscale("phq2") is None


# ---------------------------------------------------------------- GAD-7


def test_gad7_hand_worked_example(gad7):
    result = score(gad7, answers("gad7", [2, 1, 1, 0, 0, 3, 1]))
    assert (result.total, result.band_label) == (8, "Mild")
    assert not result.suggest_clinician
    assert result.subscale("gad2").total == 3 and result.subscale("gad2").positive_screen


@pytest.mark.parametrize(
    ("total", "label", "clinician"),
    [
        (0, "Minimal", False),
        (4, "Minimal", False),
        (5, "Mild", False),
        (9, "Mild", False),
        (10, "Moderate", True),
        (14, "Moderate", True),
        (15, "Severe", True),
        (21, "Severe", True),
    ],
)
def test_gad7_band_boundaries(gad7, total, label, clinician):
    result = score(gad7, totalling(7, total, "gad7"))
    assert (result.total, result.band_label, result.suggest_clinician) == (total, label, clinician)
    assert (
        "talking with a clinician" in result.interpretation
        or "talk with a clinician" in result.interpretation
    ) is clinician


@pytest.mark.parametrize(
    ("item1", "item2", "positive"), [(1, 1, False), (1, 2, True), (3, 3, True)]
)
def test_gad2_positive_screen_at_3(gad7, item1, item2, positive):
    result = score(gad7, answers("gad7", [item1, item2] + [0] * 5))
    assert result.subscale("gad2").positive_screen is positive


def test_gad7_refuses_to_score_with_a_blank(gad7):
    with pytest.raises(CannotScore, match="all its 7 questions") as err:
        score(gad7, answers("gad7", [1, 1, 1, None, 1, 1, 1]))
    assert "no rule for missing answers" in str(err.value)


# ---------------------------------------------------------------- PEG


def test_peg_is_the_mean_of_three_items(peg):
    result = score(peg, {"peg_1": 6, "peg_2": 7, "peg_3": 4})
    assert result.total == pytest.approx(5.67)
    assert result.band is None
    assert result.interpretation.startswith("Your PEG score is 5.7 out of 10.")


def test_peg_extremes(peg):
    assert score(peg, {"peg_1": 0, "peg_2": 0, "peg_3": 0}).total == 0
    assert score(peg, {"peg_1": 10, "peg_2": 10, "peg_3": 10}).total == 10


def test_peg_refuses_to_score_with_a_blank(peg):
    with pytest.raises(CannotScore, match="Krebs"):
        score(peg, {"peg_1": 6, "peg_2": None, "peg_3": 4})
    with pytest.raises(CannotScore):
        score(peg, {})


# ---------------------------------------------------------------- invalid answers


@pytest.mark.parametrize("bad", [4, -1, 1.0, "2", True])
def test_out_of_range_or_mistyped_answers_raise(phq9, bad):
    given = {**answers("phq9", [0] * 9), "phq9_3": bad}
    with pytest.raises(InvalidAnswers, match="phq9_3"):
        score(phq9, given)


def test_peg_answer_above_10_raises(peg):
    with pytest.raises(InvalidAnswers, match="peg_2: 11"):
        score(peg, {"peg_1": 6, "peg_2": 11, "peg_3": 4})


def test_unknown_item_raises(gad7):
    with pytest.raises(InvalidAnswers, match="gad7_8"):
        score(gad7, {**answers("gad7", [0] * 7), "gad7_8": 1})


# ---------------------------------------------------------------- safety


@pytest.mark.parametrize("value", [1, 2, 3])
def test_item9_above_zero_raises_a_self_harm_flag(phq9, value):
    given = answers("phq9", [0] * 8 + [value])
    flags = safety_flags(phq9, given)
    assert [(f.kind, f.item_id, f.value) for f in flags] == [("self_harm", "phq9_9", value)]
    result = score(phq9, given)
    assert result.safety_flags == flags
    assert result.suggest_clinician
    # Safety words come first, before any score or band text.
    assert result.interpretation.startswith("You told us about thoughts of being better off dead")


@pytest.mark.parametrize("value", [0, None])
def test_item9_zero_or_blank_raises_no_flag(phq9, value):
    given = answers("phq9", [3] * 8 + [value])
    assert safety_flags(phq9, given) == ()
    assert score(phq9, given).safety_flags == ()


def test_safety_flag_is_not_hidden_by_a_malformed_form(phq9):
    given = {"phq9_1": 99, "phq9_9": "2", "nonsense": 1}
    assert [f.value for f in safety_flags(phq9, given)] == [2]
    with pytest.raises(InvalidAnswers):
        score(phq9, given)


def test_other_instruments_have_no_safety_items(gad7, peg):
    assert safety_flags(gad7, answers("gad7", [3] * 7)) == ()
    assert safety_flags(peg, {"peg_1": 10, "peg_2": 10, "peg_3": 10}) == ()


# ---------------------------------------------------------------- change


def test_peg_change_in_plain_words(peg):
    baseline = score(peg, {"peg_1": 6, "peg_2": 6, "peg_3": 6})
    latest = score(peg, {"peg_1": 5, "peg_2": 4, "peg_3": 4})
    result = change(peg, baseline, latest)
    assert result.message == (
        "Your PEG score went down by 1.7 points \u2014 a change big enough to matter "
        "(about 1 point or more)."
    )
    assert result.meaningful and result.direction == "better"
    assert result.difference == pytest.approx(-1.67)


def test_small_peg_change_does_not_pass_the_mcid(peg):
    baseline = score(peg, {"peg_1": 6, "peg_2": 6, "peg_3": 6})
    latest = score(peg, {"peg_1": 6, "peg_2": 5, "peg_3": 5})
    result = change(peg, baseline, latest)
    assert not result.meaningful and result.direction == "better"
    assert "smaller than the change that usually matters" in result.message


@pytest.mark.parametrize(("rise", "meaningful"), [(4, False), (5, True), (6, True)])
def test_phq9_mcid_is_5_points_and_rising_is_worse(phq9, rise, meaningful):
    baseline = score(phq9, totalling(9, 6, "phq9"))
    latest = score(phq9, totalling(9, 6 + rise, "phq9"))
    result = change(phq9, baseline, latest)
    assert result.meaningful is meaningful and result.direction == "worse"
    assert result.message.startswith(f"Your PHQ-9 score went up by {rise} points")


@pytest.mark.parametrize(("drop", "meaningful"), [(3, False), (4, True)])
def test_gad7_mcid_is_4_points(gad7, drop, meaningful):
    baseline = score(gad7, totalling(7, 15, "gad7"))
    latest = score(gad7, totalling(7, 15 - drop, "gad7"))
    result = change(gad7, baseline, latest)
    assert result.meaningful is meaningful and result.direction == "better"


def test_no_change(gad7):
    same = score(gad7, totalling(7, 8, "gad7"))
    result = change(gad7, same, same)
    assert result.direction == "same" and not result.meaningful
    assert result.message == "Your GAD-7 score stayed the same."


def test_change_with_a_prorated_score_carries_a_caveat(phq9):
    baseline = score(phq9, answers("phq9", [2] * 8))
    latest = score(phq9, answers("phq9", [1] * 9))
    assert change(phq9, baseline, latest).caveat


def test_change_refuses_other_instruments_and_short_forms(phq9, gad7):
    phq = score(phq9, totalling(9, 10, "phq9"))
    gad = score(gad7, totalling(7, 10, "gad7"))
    with pytest.raises(CannotCompare):
        change(phq9, phq, gad)
    phq2 = short_form(phq9, "phq2")
    two = score(phq2, {"phq9_1": 1, "phq9_2": 1})
    with pytest.raises(CannotCompare, match="screener"):
        change(phq2, two, two)


# ---------------------------------------------------------------- broken definitions


def broken(mutate):
    definition = copy.deepcopy(raw("phq9"))
    mutate(definition)
    with pytest.raises(DefinitionError) as err:
        parse_definition(definition, source="clinic/phq9-copy.json")
    message = str(err.value)
    assert message.startswith("clinic/phq9-copy.json: ")
    return message


def set_band(i, **values):
    return lambda d: d["bands"][i].update(values)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["items"][1].update(id="phq9_1"), "items[1].id: duplicate item id 'phq9_1'"),
        (lambda d: d["items"][0].update(id="Item One"), "items[0].id"),
        (lambda d: d["items"][0].update(options="nope"), "no answer set named 'nope'"),
        (lambda d: d["answer_sets"]["frequency"][3].update(value=2), "values must be unique"),
        (lambda d: d["answer_sets"]["frequency"][0].update(value="0"), "must be a whole number"),
        (lambda d: d["answer_sets"]["frequency"].pop(), "declared [0, 27]"),
        (lambda d: d["items"][0].update(safety="sadness"), "unknown safety kind 'sadness'"),
        (lambda d: d["items"][0].update(loinc="44250"), "items[0].loinc"),
        (lambda d: d.update(scoring="median"), "scoring: unknown rule 'median'"),
        (lambda d: d.update(score_range=[0, 30]), "score_range: declared [0, 30]"),
        (set_band(1, min=6), "gap between 'Minimal' (to 4) and 'Mild' (from 6)"),
        (set_band(1, min=4), "overlap"),
        (set_band(4, max=26), "last band ends at 26"),
        (set_band(0, min=1), "first band starts at 1"),
        (set_band(1, label="Minimal"), "band labels must be unique"),
        (lambda d: d.update(bands=[]), "bands_note: is required"),
        (lambda d: d.pop("mcid"), "mcid: is required"),
        (lambda d: d["mcid"].update(value=0), "mcid.value"),
        (lambda d: d["mcid"].pop("source"), "mcid.source: is required"),
        (lambda d: d["missing_items"].pop("source"), "missing_items.source"),
        (lambda d: d.update(missing_items={"max_missing": 0}), "missing_items.reason"),
        (lambda d: d.update(missing_items={"max_missing": 9, "source": "x"}), "max_missing"),
        (lambda d: d["subscales"][0].update(items=["phq9_1", "phq9_99"]), "phq9_99"),
        (lambda d: d["subscales"][0].update(items=["phq9_1", "phq9_difficulty"]), "scored"),
        (lambda d: d["subscales"][0].update(positive_at=7), "positive_at"),
        (lambda d: d.update(better="smaller"), "better: must be 'lower' or 'higher'"),
        (lambda d: d.pop("licence"), "licence: is required"),
        (lambda d: d.update(citation=" "), "citation: must not be empty"),
        (lambda d: d.update(severity="x"), "severity: unknown field"),
        (lambda d: d.update(format=2), "format: must be 1"),
    ],
)
def test_broken_definitions_are_refused_with_the_field_named(mutate, expected):
    assert expected in broken(mutate)


def test_all_problems_are_reported_at_once():
    message = broken(lambda d: (d.pop("licence"), d.update(scoring="median")))
    assert "2 problems" in message and "licence" in message and "scoring" in message


def test_underscore_fields_are_comments():
    definition = {**raw("gad7"), "_comment": "checked by Dr X"}
    assert parse_definition(definition).id == "gad7"


def test_a_definition_must_be_an_object():
    with pytest.raises(DefinitionError, match="must be an object"):
        parse_definition(["not", "a", "definition"], source="x.json")


# ---------------------------------------------------------------- clinic drop-in

CLINIC_SCALE = {
    "format": 1,
    "id": "clinic-sleep",
    "name": "Clinic Sleep Scale",
    "title": "A licensed two-question sleep scale",
    "version": "3",
    "language": "en",
    "recall_period": "past week",
    "answer_sets": {
        "often": [
            {"value": v, "text": t} for v, t in enumerate(["Never", "Sometimes", "Often", "Always"])
        ]
    },
    "items": [
        {"id": "cs_1", "text": "I woke up too early.", "options": "often"},
        {"id": "cs_2", "text": "I felt rested.", "options": "often"},
    ],
    "scoring": "sum",
    "score_range": [0, 6],
    "better": "lower",
    "bands": [
        {"min": 0, "max": 2, "label": "Low", "interpretation": "Sleep troubles are few."},
        {"min": 3, "max": 6, "label": "High", "interpretation": "Sleep is hard at the moment."},
    ],
    "mcid": {"value": 2, "plain": "about 2 points or more", "source": "Licence holder's manual"},
    "missing_items": {"max_missing": 0, "reason": "The manual gives no rule."},
    "licence": "Licensed to Example Clinic until 2030.",
    "citation": "Example A. A sleep scale. J Example 2020;1:1-2.",
}


def test_a_clinic_drops_in_a_licensed_definition_without_code(tmp_path):
    (tmp_path / "clinic-sleep.json").write_text(json.dumps(CLINIC_SCALE), encoding="utf-8")
    instruments = load_all(extra_dirs=[tmp_path])
    assert {"peg", "phq9", "gad7", "clinic-sleep"} <= set(instruments)
    sleep = instruments["clinic-sleep"]
    result = score(sleep, {"cs_1": 2, "cs_2": 1})
    assert (result.total, result.band_label) == (3, "High")
    later = score(sleep, {"cs_1": 0, "cs_2": 1})
    assert change(sleep, result, later).message.startswith(
        "Your Clinic Sleep Scale score went down by 2 points"
    )


def test_a_dropped_in_file_with_a_shipped_id_is_refused(tmp_path):
    (tmp_path / "my-phq9.json").write_text(json.dumps(raw("phq9")), encoding="utf-8")
    with pytest.raises(DefinitionError, match="already defined in pacewise/instruments/phq9.json"):
        load_all(extra_dirs=[tmp_path])


def test_a_broken_dropped_in_file_is_named(tmp_path):
    (tmp_path / "typo.json").write_text('{"id": "x",\n  oops}', encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"typo\.json: not valid JSON \(line 2\)"):
        load_dir(tmp_path)


def test_a_missing_configured_directory_is_an_error(tmp_path):
    with pytest.raises(DefinitionError, match="does not exist"):
        load_all(extra_dirs=[tmp_path / "nowhere"])
