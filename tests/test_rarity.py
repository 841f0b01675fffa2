"""The direct Zipf lookup must give exactly what wordfreq gives, or clustering and repair drift."""

import random

from wordfreq import top_n_list, zipf_frequency

from storyline.text.rarity import zipf


def test_zipf_is_wordfreqs_on_words_parts_of_words_and_strings_it_lacks():
    words = top_n_list("en", 20_000)
    rng = random.Random(7)
    parts = [w[i:] for w in words for i in (1, 2) if len(w) > i]
    unknown = ["".join(rng.choice("qxzjkvw") for _ in range(n)) for n in range(1, 12)]
    other = ["Bridge", "can't", "2012", "U.N.", "naïve", "x-ray", "", " ", "ÉTÉ"]
    for word in words + parts + unknown + other:
        assert zipf(word) == zipf_frequency(word, "en"), word


def test_zipf_orders_common_and_rare_words():
    assert zipf("the") > zipf("bridge") > zipf("embankment") > zipf("qxzjkvw") == 0.0
