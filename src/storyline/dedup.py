"""Syndicated copies: group reprints of one wire story into Origins, one per independent report.

Candidates come from MinHash LSH over normalised word shingles (datasketch's signatures and
band split); a candidate is kept only when the exact shingle containment |A & B| / min(|A|, |B|)
reaches `min_containment`, so an edited, trimmed or extended reprint, or a reprint inside a
longer article, joins its original. Containment (not Jaccard) decides because a trimmed copy
shares most of itself with the original. A long document is also indexed by the signatures of
its article-sized windows: a copy embedded in a page several times its length shares too little
of the whole page (Jaccard 0.05 to 0.15) for the bands to bring them together, but most of one
window.

Incremental use (the store adds articles one at a time, in publication order):

    index = OriginIndex(settings.dedup)                      # or OriginIndex.from_state(saved, ...)
    origin_id = index.add(document)                           # the origin it joined or started
    saved = index.state()                                     # JSON-serialisable

An origin is named after its first article, so its id never changes as copies join. The batch
`find_origins` adds articles in publication order, so the founder is the earliest; members are
then listed canonical first: the earliest, then the most complete (longest), then by id.
"""

from __future__ import annotations

import zlib
from collections import Counter, deque
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from itertools import chain, repeat
from typing import Any

import numpy as np

from storyline.errors import UserError
from storyline.model import Document, Origin, stable_id
from storyline.packing import pack, unpack
from storyline.settings import DedupSettings
from storyline.text.document_words import text_words

STATE_VERSION = 3  # 2: arrays as base64, band keys saved, orders kept; 3: window keys too
_SEED = 1  # fixed MinHash seed: same shingles, same signature, in every process
_CHUNK = 4096  # shingles permuted at once: at most 2 MB of scratch (128 permutations)
_UINT32_MAX = np.iinfo(np.uint32).max
# Shingles in a window: about one news article. Only documents over twice this length have
# windows (none of a 300-to-600-word stream), each overlapping the next by half.
WINDOW = 500


class OriginIndex:
    """Origins over a stream of documents: each new document joins a copy's origin or starts one."""

    def __init__(self, settings: DedupSettings) -> None:
        if not 0.0 < settings.lsh_threshold < 1.0:
            raise UserError(
                f"dedup.lsh_threshold must be between 0 and 1, not {settings.lsh_threshold}"
            )
        self.settings = settings
        bands, rows = _band_params(settings.lsh_threshold, settings.num_perm)
        self._bands = _Bands(bands, rows)
        self._permutations = _permutations(settings.num_perm, bands * rows)
        self._shingles: dict[str, np.ndarray] = {}  # matchable document -> its shingle hashes
        self._origin_of: dict[str, str] = {}  # every document id -> origin id
        self._dated: deque[tuple[float, str]] = deque()  # matchable dated documents, oldest first

    def add(self, document: Document) -> str:
        """The origin id of `document`: the best-verified earlier copy's origin, or a new one."""
        if document.id in self._origin_of:
            return self._origin_of[document.id]
        days = published_days(document.article.published)
        if days is not None:
            self._expire(days - self.settings.window_days)
        grams = positional_shingles(text_words(document), self.settings.shingle_size)
        shingles = _sorted_unique(grams)
        keys = self._band_keys(shingles)  # one set of keys for query and insert
        if len(grams) > 2 * WINDOW:
            keys = tuple(dict.fromkeys(keys + self._window_keys(grams)))
        origin = self._match(shingles, keys) or stable_id(document.id, prefix="o-")
        self._insert(document.id, shingles, origin, days, keys)
        return origin

    def origins(self) -> dict[str, str]:
        """Document id -> origin id of every document added so far."""
        return dict(self._origin_of)

    def state(self) -> dict[str, Any]:
        """Everything needed to continue later, as JSON-serialisable data (arrays as base64).

        Matchable documents keep their shingles and band keys, so loading neither tokenizes nor
        recomputes a signature; insertion and expiry orders are kept, so the loaded index is the
        saved one.
        """
        matchable = list(self._shingles)
        position = {document_id: i for i, document_id in enumerate(matchable)}
        shingles = [self._shingles[document_id] for document_id in matchable]
        keys, key_counts = self._bands.saved(matchable)
        return {
            "version": STATE_VERSION,
            "documents": list(self._origin_of),
            "origins": list(self._origin_of.values()),
            "matchable": matchable,
            "sizes": pack([len(s) for s in shingles], "<u4"),
            "shingles": pack(np.concatenate(shingles) if shingles else [], "<u4"),
            "band_keys": pack(keys, "<u4"),
            "key_counts": pack(key_counts, "<u4"),
            "dated": pack([position[document_id] for _, document_id in self._dated], "<u4"),
            "days": pack([day for day, _ in self._dated], "<f8"),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], settings: DedupSettings) -> OriginIndex:
        """An index that continues from `state()`'s output."""
        if state.get("version") != STATE_VERSION:
            raise UserError(
                f"origin index state version {state.get('version')!r} is not {STATE_VERSION}; "
                "re-add the documents to rebuild it"
            )
        index = cls(settings)
        index._origin_of = dict(zip(state["documents"], state["origins"], strict=True))
        matchable: list[str] = state["matchable"]
        ends = np.cumsum(unpack(state["sizes"], "<u4"))
        shingles = np.split(unpack(state["shingles"], "<u4"), ends)[:-1]  # the last is empty
        index._shingles = dict(zip(matchable, shingles, strict=True))
        index._bands.load(
            matchable, unpack(state["band_keys"], "<u4"), unpack(state["key_counts"], "<u4")
        )
        dated = map(matchable.__getitem__, unpack(state["dated"], "<u4").tolist())
        index._dated = deque(zip(unpack(state["days"], "<f8").tolist(), dated, strict=True))
        return index

    def _match(self, shingles: np.ndarray, keys: tuple[bytes, ...]) -> str | None:
        """The origin of the candidate with the highest containment at or above the minimum."""
        best, best_score = None, self.settings.min_containment
        for candidate in sorted(self._bands.query(keys)):
            score = containment(shingles, self._shingles[candidate])
            if score >= best_score:
                best, best_score = candidate, score
        return self._origin_of[best] if best is not None else None

    def _insert(
        self,
        document_id: str,
        shingles: np.ndarray,
        origin: str,
        days: float | None,
        keys: tuple[bytes, ...],
    ) -> None:
        self._origin_of[document_id] = origin
        if not len(shingles):
            return
        self._shingles[document_id] = shingles
        self._bands.insert(document_id, keys)
        if days is not None:
            self._dated.append((days, document_id))

    def _expire(self, horizon: float) -> None:
        """Stop matching dated documents published before `horizon`: memory stays bounded.

        Syndicated copies appear within days of the original; undated documents never expire.
        """
        while self._dated and self._dated[0][0] < horizon:
            _, document_id = self._dated.popleft()
            self._bands.remove(document_id)
            del self._shingles[document_id]

    def _band_keys(self, shingles: np.ndarray) -> tuple[bytes, ...]:
        """The LSH band keys of a document's MinHash signature (none without shingles)."""
        if not len(shingles):
            return ()
        return self._bands.keys(minhash(shingles, self._permutations))

    def _window_keys(self, grams: np.ndarray) -> tuple[bytes, ...]:
        """Band keys of each WINDOW-shingle stretch of a long document, overlapping by half."""
        starts = range(0, len(grams) - WINDOW // 2, WINDOW // 2)
        windows = (_sorted_unique(grams[start : start + WINDOW]) for start in starts)
        return tuple(chain.from_iterable(map(self._band_keys, windows)))


class _Bands:
    """MinHash LSH banding laid out as datasketch's MinHashLSH lays it out, with less overhead.

    A signature is cut into `bands` bands of `rows` values (datasketch's optimal split for the
    threshold); two documents are candidates when any band is equal. One numpy step turns a
    signature into its band keys, where MinHashLSH makes a Python call per band and value.
    Why not MinHashLSH itself: measured, it adds 2.4 ms to each 10-article story's dedup (a
    tenth of the summary's time budget) and 10 to 15 s to a 100,000-article stream.
    tests/test_dedup.py checks that both give the same candidates.

    All bands share one table: a key is the band's number followed by its rows, so equal rows
    in different bands never meet, and a lookup, insert or removal is one C-level pass over the
    keys instead of a Python step per band.
    """

    def __init__(self, bands: int, rows: int) -> None:
        self._shape = (bands, rows)
        self._band = np.dtype((np.void, (rows + 1) * 4))  # a band's number and rows: one key
        self._numbers = np.arange(bands, dtype=np.uint32)[:, np.newaxis]
        # Tuples, not lists: the garbage collector stops tracking tuples of strings, and a
        # window holds tens of thousands of documents times `bands` entries.
        self._tables: dict[bytes, tuple[str, ...]] = {}  # band key -> documents holding it
        self._keys: dict[str, tuple[bytes, ...]] = {}  # document id -> its band keys

    def keys(self, signature: np.ndarray) -> tuple[bytes, ...]:
        bands, rows = self._shape
        return tuple(self._numbered(signature[: bands * rows])[0])

    def query(self, keys: tuple[bytes, ...]) -> set[str]:
        """Documents sharing at least one band with `keys`."""
        return set(chain.from_iterable(filter(None, map(self._tables.get, keys))))

    def insert(self, document_id: str, keys: tuple[bytes, ...]) -> None:
        self._keys[document_id] = keys
        table = self._tables
        shared = {key: (*table[key], document_id) for key in filter(table.__contains__, keys)}
        table.update(zip(keys, repeat((document_id,))))
        table.update(shared)

    def saved(self, document_ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Every band key of `document_ids` as rows of 32-bit values, and how many each holds.

        What `load` takes; a long document holds its windows' keys beside its own.
        """
        counts = np.fromiter(map(len, map(self._keys.__getitem__, document_ids)), np.uint32)
        joined = b"".join(b"".join(self._keys[document_id]) for document_id in document_ids)
        return np.frombuffer(joined, dtype=np.uint32), counts

    def load(self, document_ids: list[str], values: np.ndarray, counts: np.ndarray) -> None:
        """Fill an empty index from `saved()`'s output, as `insert` in that order would.

        All keys at once: a key held by one document (nearly all) costs no Python step.
        """
        flat = np.ascontiguousarray(values, dtype=np.uint32).view(self._band).tolist()
        ends = np.cumsum(counts).tolist()
        keys = [tuple(flat[end - n : end]) for n, end in zip(counts.tolist(), ends, strict=True)]
        self._keys = dict(zip(document_ids, keys, strict=True))
        holders = chain.from_iterable(repeat((d,), len(k)) for d, k in zip(document_ids, keys))
        self._tables = dict(zip(flat, holders))
        if len(self._tables) < len(flat):  # some documents share a band: list them in order
            shared = {key for key, count in Counter(flat).items() if count > 1}
            for key in shared:
                self._tables[key] = ()
            for document_id, document_keys in self._keys.items():
                for key in filter(shared.__contains__, document_keys):
                    self._tables[key] += (document_id,)

    def remove(self, document_id: str) -> None:
        keys = self._keys.pop(document_id)
        for key, holders in zip(keys, list(map(self._tables.pop, keys))):
            if len(holders) > 1:  # nearly every band key is held by one document alone
                self._tables[key] = tuple(h for h in holders if h != document_id)

    def _numbered(self, signatures: np.ndarray) -> list[list[bytes]]:
        """Band keys (band number, then its rows) of each signature row."""
        bands, rows = self._shape
        values = np.asarray(signatures, dtype=np.uint32).reshape(-1, bands, rows)
        numbers = np.broadcast_to(self._numbers, (len(values), bands, 1))
        return np.concatenate((numbers, values), axis=2).view(self._band)[..., 0].tolist()


def minhash(shingles: np.ndarray, permutations: np.ndarray) -> np.ndarray:
    """datasketch's MinHash signature of 32-bit shingle hashes, bit for bit, in numpy steps.

    Same values as `MinHash(..., hashfunc=int).update_batch(shingles)` with the same
    permutations (affine32 scheme: MurmurHash3's finalizer, then a * h + b mod 2**32), without
    a Python call per shingle.
    """
    a, b = permutations[:, :, np.newaxis]
    mixed = _fmix32(shingles)
    values = np.full(len(a), _UINT32_MAX, dtype=np.uint32)
    for start in range(0, len(mixed), _CHUNK):  # num_perm x chunk at a time: bounded memory
        permuted = a * mixed[start : start + _CHUNK]  # wraps mod 2**32
        permuted += b  # in place: one scratch array, not two
        np.minimum(values, permuted.min(axis=1), out=values)
    return values


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch applies it before permuting."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


@cache
def _permutations(num_perm: int, banded: int) -> np.ndarray:
    """datasketch's permutations for the fixed seed, so signatures match its MinHash bit for bit.

    Only the first `banded` values are ever banded, so only those are computed. Made once per
    setting and shared read-only: drawing them took 0.15 ms of every 10-article story's dedup.
    """
    from datasketch import MinHash  # here: datasketch loads SciPy (half a second of start-up)

    permutations = MinHash(
        num_perm=num_perm, seed=_SEED, hashfunc=int, scheme="affine32"
    ).permutations[:, :banded]
    permutations.flags.writeable = False
    return permutations


@cache
def _band_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's optimal (bands, rows) for a threshold, computed once per setting.

    Its numerical integration costs about 15 ms per index, more than the rest of a story's dedup.
    """
    from datasketch import MinHashLSH  # here: see _permutations

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def find_origins(documents: Sequence[Document], settings: DedupSettings) -> tuple[Origin, ...]:
    """Every document in exactly one Origin, canonical member first, origins by first member."""
    ordered = placement_order(documents)
    index = OriginIndex(settings)
    for document in ordered:
        index.add(document)
    rank = {document.id: _canonical_key(document) for document in ordered}
    members: dict[str, list[str]] = {}
    for document_id, origin in index.origins().items():
        members.setdefault(origin, []).append(document_id)
    origins = [Origin(o, tuple(sorted(ids, key=rank.__getitem__))) for o, ids in members.items()]
    return tuple(sorted(origins, key=lambda o: (rank[o.canonical], o.id)))


def word_shingles(words: list[str], size: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the `size`-shingles of word tokens."""
    return _sorted_unique(positional_shingles(words, size))


def positional_shingles(words: list[str], size: int) -> np.ndarray:
    """32-bit hashes of the `size`-shingles of word tokens, in text order (repeats kept)."""
    if not words:
        return np.zeros(0, dtype=np.uint32)
    # A stable hash per word: crc32 of its UTF-8 bytes (hash() is salted per process). Computed
    # each time: in a long stream a memo of them is slower, its big table missing the CPU cache.
    tokens = np.fromiter(map(zlib.crc32, map(str.encode, words)), np.uint64, len(words))
    count = max(1, len(words) - size + 1)
    grams = tokens[:count].copy()  # a 32-bit hash is its own first step: (0 * M + hash) & MASK
    for offset in range(1, min(size, len(words))):  # polynomial rolling hash, vectorised, in place
        grams *= _MULTIPLIER
        grams += tokens[offset : offset + count]
        grams &= _MASK
    grams ^= grams >> np.uint64(32)
    return grams.astype(np.uint32)


_MULTIPLIER = np.uint64(1_000_003)
_MASK = np.uint64((1 << 61) - 1)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique for a short array, about 8 times faster (a sort and a mask, no hash table)."""
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller shingle set found in the other (1.0 for a trimmed exact copy)."""
    smaller = min(len(a), len(b))
    if not smaller:
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / smaller


def publication_order(documents: Sequence[Document]) -> list[Document]:
    """Dated documents by publication time then id, then undated ones by id: reading order."""
    keyed = sorted((_order_key(d), d.id, i) for i, d in enumerate(documents))
    return [documents[i] for _, _, i in keyed]


def placement_order(documents: Sequence[Document]) -> list[Document]:
    """The order a batch enters the stream: undated documents by id, then publication order.

    Undated ones are placed by content alone, so they go first, while every story and wire copy
    is still open to them; after the dated ones the clock would have closed the older ones.
    """
    dated: list[Document] = []
    undated: list[Document] = []
    for document in documents:
        (undated if _order_key(document)[0] else dated).append(document)
    return sorted(undated, key=lambda d: d.id) + publication_order(dated)


def published_days(published: str | None) -> float | None:
    """Days since the Unix epoch of an ISO date or datetime; None when missing or unreadable."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp() / 86400.0


def _order_key(document: Document) -> tuple[bool, float]:
    """Dated before undated, earlier first."""
    days = published_days(document.article.published)
    return (days is None, days or 0.0)


def _canonical_key(document: Document) -> tuple[bool, float, int, str]:
    """The earliest, then the most complete (longest) text, then the id."""
    return (*_order_key(document), -len(document.text), document.id)
