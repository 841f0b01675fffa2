"""Clustering features: the fast paths give exactly the numbers the plain formulas give."""

import math
import random
import re
from collections import Counter

import test_cluster

from storyline.cluster.features import (
    _common,
    _name_key,
    _name_words,
    _starts_sentence,
    _term,
    _weigh,
    cosine,
    featurize,
)
from storyline.cluster.index import Centroid
from storyline.text.tokens import content_words

documents = test_cluster.documents  # the shared fixture corpus, as a pytest fixture


def _plain_weigh(counts, key_of):
    """The weighting written the obvious way: the reference the fast one must match bit for bit."""
    keyed = {}
    for word, n in counts.items():
        found = key_of(word)
        if found is not None:
            key, rarity = found
            old_n, old_rarity = keyed.get(key, (0, rarity))
            keyed[key] = (old_n + n, min(old_rarity, rarity))
    weights = {key: (1.0 + math.log(n)) * rarity for key, (n, rarity) in keyed.items()}
    top = sorted(weights, key=weights.__getitem__, reverse=True)[:150]
    norm = math.sqrt(sum(weights[k] * weights[k] for k in top))
    return {k: weights[k] / norm for k in top} if norm else {}


def test_weights_match_the_plain_formula_bit_for_bit(documents):
    words = Counter(w for d in documents for w in content_words(d.text))
    assert len({_term(w)[0] for w in words}) < len(words)  # some words share a stem
    assert list(_weigh(words, _term).items()) == list(_plain_weigh(words, _term).items())
    names = Counter(["Lavrov", "Lavrov's", "Monday", "The", "#5,400", "Kyiv"])
    assert list(_weigh(names, _name_key).items()) == list(_plain_weigh(names, _name_key).items())
    assert _weigh(Counter(), _term) == {}


def test_cosine_is_the_dot_product_summed_in_the_shorter_vectors_order(documents):
    vectors = [featurize(d).terms for d in documents]
    for a in vectors:
        for b in vectors:
            short, long = (b, a) if len(b) < len(a) else (a, b)
            assert cosine(a, b) == sum(w * long.get(k, 0.0) for k, w in short.items())


_CAPITALISED = re.compile(
    r"[A-Z][A-Za-z]*(?:['’-][A-Za-z]+)*(?:\s+[A-Z][A-Za-z]*(?:['’-][A-Za-z]+)*)*"
)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _plain_name_words(text):
    """Name-like spans and figures found by two plain scans: the reference for the one scan."""
    found = []
    for match in _CAPITALISED.finditer(text):
        words = match.group().split()
        if _common(words[0]) and _starts_sentence(text, match.start()):
            words = words[1:]
        found.extend(words)
    return found + [f"#{f}" for f in _FIGURE.findall(text) if len(f) > 1]


def test_one_scan_finds_the_names_and_figures_of_two(documents):
    pieces = [
        *"aBZ .!?:\n\"'“‘(’-1.,\u0663\u00b2",
        "The",
        "Police",
        "May",
        "O'Neil",
        "5,400",
        " " * 16,
    ]
    rng = random.Random(3)
    texts = [d.text for d in documents]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(20_000)]
    for text in texts:
        assert _name_words(text) == _plain_name_words(text), text


def test_a_first_report_adds_as_the_loop_does(documents):
    """A new centroid takes its first vector in one step: the same sums and length, bit for bit."""
    vectors = [featurize(d).terms for d in documents]
    for vector in vectors:
        fresh, plain = Centroid(), Centroid()
        fresh.add(vector)
        for key, weight in vector.items():
            plain.sums[key] = weight
            plain.square += weight * weight - 0.0 * 0.0
        assert list(fresh.sums.items()) == list(plain.sums.items())
        assert fresh.square == plain.square
