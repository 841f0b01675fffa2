"""Second chances in the stream: young events split in two camps, strays drawn into grown events.

The features are built by hand (unit vectors with chosen cosines), so each test controls exactly
how alike two reports are: words identical unless said otherwise, names at chosen angles.
"""

import json
import math

import pytest

from storyline.cluster import Assignment, StreamClusterer
from storyline.cluster.features import Features
from storyline.cluster.split import Member, two_camps
from storyline.model import Article, Document
from storyline.settings import ClusterSettings

SETTINGS = ClusterSettings()
WORDS = {"offer": 0.6, "contract": 0.8}
OTHER_WORDS = {"offer": 0.6 * 0.5, "contract": 0.8 * 0.5, "trade": math.sqrt(0.75)}  # cosine 0.5


def _names(degrees: float) -> dict[str, float]:
    """A unit name vector at an angle from the "n:first" axis: cosines are cosines of angles."""
    radians = math.radians(degrees)
    return {"n:first": math.cos(radians), "n:second": math.sin(radians)}


# Two happenings of one protagonist: names share "n:player" with cosine 0.18 between them.
ANGELS = {"n:player": math.sqrt(0.18), "n:angels": math.sqrt(0.82)}
RED_SOX = {"n:player": math.sqrt(0.18), "n:redsox": math.sqrt(0.82)}


def _features(names: dict[str, float], words: dict[str, float] = WORDS) -> Features:
    return Features(dict(words), dict(names), None)


def _document(article_id: str) -> Document:
    return Document(Article(article_id, f"test:{article_id}", "text"), "text", (), "en")


def _add(clusterer: StreamClusterer, article_id: str, features: Features):
    return clusterer.add(_document(article_id), f"origin-{article_id}", features)


def _members(*names: dict[str, float]) -> list[Member]:
    return [Member(f"a{n}", f"o{n}", _features(v)) for n, v in enumerate(names)]


def test_two_happenings_make_two_camps_the_oldest_members_first():
    members = _members(ANGELS, ANGELS, RED_SOX, ANGELS, RED_SOX, RED_SOX)
    assert two_camps(members, SETTINGS.name_weight, SETTINGS.split_threshold) == (
        [0, 1, 3],
        [2, 4, 5],
    )


@pytest.mark.parametrize(
    "names",
    [
        [ANGELS] * 6,  # one happening
        [ANGELS, ANGELS, ANGELS, RED_SOX],  # one odd report is a stray, not a camp
        [ANGELS, RED_SOX, RED_SOX],  # too few to judge
        [_names(0), _names(30), _names(10), _names(40)],  # alike enough: one happening
    ],
)
def test_no_split_without_two_distinct_camps(names):
    assert two_camps(_members(*names), SETTINGS.name_weight, SETTINGS.split_threshold) is None


def test_an_early_join_of_a_second_happening_is_undone_when_the_event_grows():
    clusterer = StreamClusterer(SETTINGS)
    placed = [_add(clusterer, f"angels-{n}", _features(ANGELS)) for n in range(3)]
    placed += [_add(clusterer, f"redsox-{n}", _features(RED_SOX)) for n in range(5)]
    first_event = placed[0].event_id
    assert {p.event_id for p in placed[:7]} == {first_event}  # the second happening joined
    split = placed[-1]
    assert split.event_id != first_event and split.story_id == placed[0].story_id
    assert split.moved == tuple((f"origin-redsox-{n}", split.event_id) for n in range(5))
    assert clusterer.placement("origin-angels-0").event_id == first_event
    assert clusterer.placement("origin-redsox-0").event_id == split.event_id
    later = _add(clusterer, "redsox-5", _features(RED_SOX))
    assert later.event_id == split.event_id  # the split event takes its happening's news


def _stray_score(degrees: float) -> float:
    """A stray's blended score against an event whose names centre at 20 degrees."""
    weight = SETTINGS.name_weight
    return (1 - weight) * 0.5 + weight * math.cos(math.radians(degrees - 20))


def _event_with_stray(degrees: float) -> tuple[StreamClusterer, Assignment, Assignment]:
    """A first report at 0 degrees, then a stray at `degrees` that starts its own event."""
    clusterer = StreamClusterer(SETTINGS)
    first = _add(clusterer, "first", _features(_names(0)))
    stray = _add(clusterer, "stray", _features(_names(degrees), OTHER_WORDS))
    assert stray.event_id != first.event_id and stray.story_id == first.story_id
    return clusterer, first, stray


def test_a_stray_report_is_drawn_into_the_event_once_it_has_grown():
    """A report too unlike the event's first article joins it once the event has more reports."""
    assert _stray_score(85) >= SETTINGS.event_threshold
    clusterer, first, stray = _event_with_stray(85)
    grown = _add(clusterer, "second", _features(_names(40)))
    assert grown.folded == ((stray.event_id, first.event_id),)
    assert clusterer.placement("origin-stray").event_id == first.event_id


def test_an_event_past_its_first_split_check_takes_strays_at_the_lower_bar():
    assert SETTINGS.stray_threshold <= _stray_score(90) < SETTINGS.event_threshold
    clusterer, first, stray = _event_with_stray(90)
    grown = [_add(clusterer, f"more-{n}", _features(_names(40 * (n % 2 == 0)))) for n in range(3)]
    assert [a.event_id for a in grown] == [first.event_id] * 3
    assert not grown[0].folded and not grown[1].folded  # 2 and 3 reports: the bar is still 0.4
    assert grown[2].folded == ((stray.event_id, first.event_id),)  # 4 reports, centred at 20


def test_a_report_unlike_the_grown_event_stays_its_own_event():
    assert _stray_score(95) < SETTINGS.stray_threshold
    clusterer, first, stray = _event_with_stray(95)
    grown = [_add(clusterer, f"more-{n}", _features(_names(40 * (n % 2 == 0)))) for n in range(3)]
    assert not any(a.folded for a in grown) and grown[-1].event_id == first.event_id
    assert clusterer.placement("origin-stray").event_id == stray.event_id


def test_young_members_survive_the_saved_state():
    whole, part = StreamClusterer(SETTINGS), StreamClusterer(SETTINGS)
    stream = [(f"angels-{n}", ANGELS) for n in range(3)] + [(f"sox-{n}", RED_SOX) for n in range(6)]
    expected = [_add(whole, i, _features(v)) for i, v in stream]
    got = [_add(part, i, _features(v)) for i, v in stream[:6]]
    resumed = StreamClusterer.from_state(json.loads(json.dumps(part.state())), SETTINGS)
    got += [_add(resumed, i, _features(v)) for i, v in stream[6:]]
    assert got == expected
    assert any(a.moved for a in got)  # the split happened after the reload
    assert json.dumps(resumed.state()) == json.dumps(whole.state())
