"""Clustering features: the fast paths give exactly the numbers the plain formulas give."""

import math
from collections import Counter

import test_cluster

from storyline.cluster.features import _name_key, _term, _weigh, cosine, featurize
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
