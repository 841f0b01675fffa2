"""Syndicated copies: shingle containment, origins, canonical members, incremental index."""

import dataclasses
import json
import random

import numpy as np
import pytest
import test_cluster
import test_store
from datasketch import MinHash, MinHashLSH

from storyline import dedup
from storyline.clean import clean_article
from storyline.dedup import (
    OriginIndex,
    _Bands,
    containment,
    find_origins,
    minhash,
    word_shingles,
)
from storyline.errors import UserError
from storyline.model import Article, Document
from storyline.settings import CleanSettings, DedupSettings
from storyline.text.tokens import word_tokens

documents = test_cluster.documents  # the shared fixture corpus, as a pytest fixture


def shingles(text: str, size: int) -> np.ndarray:
    return word_shingles(word_tokens(text), size)


def test_containment_of_a_trimmed_copy_is_high_and_of_other_text_low():
    text = "the council met on monday and approved the budget for the new bridge over the river"
    trimmed = shingles(" ".join(text.split()[:10]), 3)
    full = shingles(text, 3)
    other = shingles("voters chose a new president after a long and bitter campaign", 3)
    assert containment(trimmed, full) == 1.0
    assert containment(other, full) == 0.0


def test_shingles_ignore_case_and_punctuation():
    assert (shingles("The River, rose!", 3) == shingles("the river rose", 3)).all()


def test_edited_trimmed_and_embedded_copies_share_one_origin(documents):
    origins = find_origins(documents, DedupSettings())
    groups = {frozenset(o.members) for o in origins}
    assert frozenset({"flood-wire", "flood-trim", "flood-roundup"}) in groups
    assert frozenset({"flood-own"}) in groups  # same event, independently written
    assert frozenset({"vote-a"}) in groups and frozenset({"vote-b"}) in groups


def test_every_document_is_in_exactly_one_origin(documents):
    members = [m for o in find_origins(documents, DedupSettings()) for m in o.members]
    assert sorted(members) == sorted(d.id for d in documents)


def test_canonical_is_the_earliest_then_the_longest(documents):
    origin = next(o for o in find_origins(documents, DedupSettings()) if len(o.members) == 3)
    # flood-wire (2031-03-04, date only) and flood-trim (18:00 that day): the date sorts first.
    assert origin.members == ("flood-wire", "flood-trim", "flood-roundup")
    assert origin.canonical == "flood-wire"


def test_origins_do_not_depend_on_input_order(documents):
    forward = find_origins(documents, DedupSettings())
    backward = find_origins(list(reversed(documents)), DedupSettings())
    assert forward == backward


def test_index_state_round_trips_through_json(documents):
    settings = DedupSettings()
    whole = OriginIndex(settings)
    expected = [whole.add(d) for d in documents]
    first = OriginIndex(settings)
    got = [first.add(d) for d in documents[:2]]
    resumed = OriginIndex.from_state(json.loads(json.dumps(first.state())), settings)
    got += [resumed.add(d) for d in documents[2:]]
    assert got == expected


def test_a_loaded_index_is_the_saved_one():
    """Same origins, band tables, expiry queue and next state as the index that was saved."""
    documents = test_store.stream_documents(200)  # dates a little out of arrival order
    settings = DedupSettings(window_days=10.0)  # copies expire along the way
    whole = OriginIndex(settings)
    for document in documents[:120]:
        whole.add(document)
    saved = json.dumps(whole.state())
    loaded = OriginIndex.from_state(json.loads(saved), settings)
    assert list(loaded.origins().items()) == list(whole.origins().items())
    assert loaded._dated == whole._dated
    assert loaded._bands._tables == whole._bands._tables
    assert loaded._bands._keys == whole._bands._keys
    assert json.dumps(loaded.state()) == saved
    assert [loaded.add(d) for d in documents[120:]] == [whole.add(d) for d in documents[120:]]
    assert json.dumps(loaded.state()) == json.dumps(whole.state())


def test_a_damaged_state_is_a_user_error():
    state = json.loads(json.dumps(OriginIndex(DedupSettings()).state()))
    with pytest.raises(UserError, match="damaged"):
        OriginIndex.from_state({**state, "days": "not base64!"}, DedupSettings())


def test_bad_state_version_is_a_user_error():
    with pytest.raises(UserError, match="version"):
        OriginIndex.from_state({"version": 99}, DedupSettings())


def test_a_copy_long_after_its_original_is_not_matched(documents):
    wire = next(d for d in documents if d.id == "flood-wire")
    late_article = dataclasses.replace(wire.article, id="flood-late", published="2031-06-01")
    late = dataclasses.replace(wire, article=late_article)
    narrow = OriginIndex(DedupSettings(window_days=30.0))
    original = narrow.add(wire)
    assert narrow.add(late) != original
    wide = OriginIndex(DedupSettings(window_days=365.0))
    original = wide.add(wire)
    assert wide.add(late) == original


def test_minhash_is_datasketchs_signature_bit_for_bit():
    shingles = np.random.default_rng(0).integers(0, 2**32, 5000, dtype=np.uint64).astype(np.uint32)
    reference = MinHash(num_perm=128, seed=1, hashfunc=int)
    reference.update_batch(shingles.tolist())
    assert (minhash(shingles, reference.permutations) == reference.hashvalues).all()


def test_band_candidates_are_datasketch_lsh_candidates():
    """The same documents share a band as in datasketch's MinHashLSH with the same split."""
    rng = np.random.default_rng(1)
    vocabulary = rng.integers(0, 2**32, 300, dtype=np.uint64).astype(np.uint32)
    lsh = MinHashLSH(threshold=0.15, num_perm=128)
    bands = _Bands(lsh.b, lsh.r)
    signatures = []
    for n in range(80):
        signature = MinHash(num_perm=128, seed=1, hashfunc=int)
        signature.update_batch(np.unique(rng.choice(vocabulary, 60)).tolist())
        signatures.append(signature)
        lsh.insert(f"d{n}", signature)
        bands.insert(f"d{n}", bands.keys(signature.hashvalues))
    for n in range(0, 80, 3):
        lsh.remove(f"d{n}")
        bands.remove(f"d{n}")
    found = [bands.query(bands.keys(s.hashvalues)) for s in signatures]
    assert found == [set(lsh.query(s)) for s in signatures]
    assert sum(len(f) for f in found) > 2 * len(found)  # the sets overlap: candidates beyond self


def _prose(seed: int, words: int) -> str:
    """Made-up words in sentences of twelve: text that shares no shingle with other seeds'."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "pi", "na", "qu", "ex"]
    made = ["".join(rng.choices(syllables, k=3)) for _ in range(words)]
    sentences = [" ".join(made[i : i + 12]).capitalize() + "." for i in range(0, words, 12)]
    return "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))


def _document(article_id: str, text: str) -> Document:
    return clean_article(Article(article_id, f"{article_id}.txt", text), CleanSettings())


@pytest.mark.parametrize("order", ["original first", "host first"])
def test_a_copy_embedded_in_a_page_ten_times_its_length_joins_its_original(order, monkeypatch):
    original = _document("wire", _prose(1, 240))
    filler = _prose(2, 2400).split("\n\n")
    host = _document("host", "\n\n".join([*filler[:25], original.text, *filler[25:]]))
    first, second = (original, host) if order == "original first" else (host, original)
    index = OriginIndex(DedupSettings())
    assert index.add(first) == index.add(second)
    monkeypatch.setattr(dedup, "WINDOW", 10**6)  # whole documents only: the page is too unlike
    index = OriginIndex(DedupSettings())
    assert index.add(first) != index.add(second)


def test_a_saved_index_keeps_the_windows_of_long_documents():
    original = _document("wire", _prose(1, 240))
    filler = _prose(2, 2400).split("\n\n")
    host = _document("host", "\n\n".join([*filler[:25], original.text, *filler[25:]]))
    index = OriginIndex(DedupSettings())
    host_origin = index.add(host)
    loaded = OriginIndex.from_state(json.loads(json.dumps(index.state())), DedupSettings())
    alone = OriginIndex(DedupSettings())
    alone.add(original)
    assert len(loaded._bands._keys["host"]) > 5 * len(alone._bands._keys["wire"])  # its windows
    assert loaded.add(original) == host_origin
