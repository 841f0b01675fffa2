"""Statements that say opposite things with the same words: "the centre opened" and "closed".

Sentences are matched by the content words they share, and two reports of one place or person
share most of them whatever happened there: "The evacuation centre at Valley Union High School
closed on Sunday" and "An evacuation centre opened at Valley Union High School" share seven of
nine. A few verbs come in pairs that flip a statement; when one sentence uses only one side of
a pair and the other only the other side, they are not the same statement. Only pairs that
rarely mean anything else are listed ("fell" fells trees, "rose" is a name, "fall" a season),
and none that one event gives both sides of ("the Colts won", "Kansas City lost").
"""

from __future__ import annotations

from storyline.text.tokens import porter_stem

_PAIRS = (
    ("open opens opened opening reopen reopens reopened", "close closes closed closing shut shuts"),
    (
        "rise rises risen increase increases increased",
        "fall falls fallen decrease decreases decreased",
    ),
    ("approve approves approved accept accepts accepted", "reject rejects rejected"),
    ("acquit acquits acquitted", "convict convicts convicted"),
)
# Each pair as two sets of stems, in the form `content_stems` gives them.
OPPOSITES = tuple(
    (frozenset(map(porter_stem, one.split())), frozenset(map(porter_stem, other.split())))
    for one, other in _PAIRS
)


def opposed(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether stems `a` and `b` take opposite sides of a pair, each only its own side."""
    return any(_sides(a, b, one, other) or _sides(a, b, other, one) for one, other in OPPOSITES)


def _sides(
    a: frozenset[str], b: frozenset[str], one: frozenset[str], other: frozenset[str]
) -> bool:
    return (
        not a.isdisjoint(one)
        and not b.isdisjoint(other)
        and a.isdisjoint(other)
        and b.isdisjoint(one)
    )
