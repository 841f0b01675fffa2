"""Language of cleaned text: ISO code from the bundled lite model, "und" when too short."""

import pytest

from storyline.clean.language import UNDETERMINED, detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The harbour council delayed a vote on ferry fares on Tuesday, citing costs.", "en"),
        ("Le conseil du port a reporté mardi le vote sur le prix des traversées.", "fr"),
        ("Der Hafenrat hat die Abstimmung über die Fährpreise am Dienstag verschoben.", "de"),
        ("El consejo del puerto aplazó el martes la votación sobre las tarifas del ferry.", "es"),
        ("Совет порта в среду отложил голосование о стоимости билетов на паром.", "ru"),
    ],
)
def test_language_of_a_paragraph(text, code):
    assert detect_language(text) == code


def test_a_headline_in_another_script_does_not_decide():
    # The library truncates to 80 characters by default; a leading foreign line must not win.
    text = "مجلس الميناء يؤجل التصويت\n" + "The harbour council delayed a vote on ferry fares. " * 6
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "Hi", "12 34 56", "OK then"])
def test_too_short_to_tell(text):
    assert detect_language(text) == UNDETERMINED


def test_declared_language_wins():
    assert detect_language("The harbour council delayed a vote on ferry fares.", "nl") == "nl"
