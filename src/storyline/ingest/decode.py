"""Bytes to text that never fails on a badly encoded file; repairing mojibake is clean's job."""

from __future__ import annotations

import codecs
import re

# How far into a file we look for a declared charset, and the block over which control bytes
# are counted (as git and grep look at a file's first 8 KB).
SNIFF_BYTES = 8192

# <meta charset=...>, <meta http-equiv=... content="text/html; charset=...">, <?xml encoding=...?>
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)

# Control bytes that text never holds in bulk (tab, newlines and form feed excluded).
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# The same characters in decoded text. C1 controls stay: ftfy reads them to repair mojibake.
_CONTROL_CHARS = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")
# A block of text with a stray NUL (a bad copy, a database dump) is text: its control
# characters are removed. Over 5% of a block's bytes (400 of 8 KB) is what binary formats hold.
_MAX_CONTROL_SHARE = 0.05
_MIN_UTF16_LATIN_SHARE = 0.9  # a page of French or German text still has under 10% non-ASCII

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def is_binary(data: bytes) -> bool:
    """True when any 8 KB block of `data` is over 5% NUL or other control bytes (and not UTF-16/32).

    Every block is looked at, not only the first: a text padded with NULs after a crash, or
    with an image pasted in, is as binary at its end as at its start.
    """
    head = data[:SNIFF_BYTES]
    if any(head.startswith(bom) for bom, _ in _BOMS) or utf16_without_bom(head):
        return False
    # Measured against a whole block, so a short last block with one stray NUL stays text.
    most = len(head) * _MAX_CONTROL_SHARE
    return any(
        _controls(data[start : start + SNIFF_BYTES]) > most
        for start in range(0, len(data), SNIFF_BYTES)
    )


def without_controls(text: str) -> tuple[str, int]:
    """`text` without the control characters `is_binary` counts, and how many there were."""
    kept = _CONTROL_CHARS.sub("", text)
    return kept, len(text) - len(kept)


def _controls(data: bytes) -> int:
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def utf16_without_bom(data: bytes) -> str:
    """ "utf-16-le" or "utf-16-be" when `data` is UTF-16 text of a Latin script without a BOM, else "".

    Such text has a NUL in every other byte, which would otherwise make it look binary.
    """
    head = data[: SNIFF_BYTES & ~1]
    for encoding, high, low in (
        ("utf-16-le", head[1::2], head[::2]),
        ("utf-16-be", head[::2], head[1::2]),
    ):
        # Latin text: nearly every character's high byte is NUL, and no low byte is. A lone
        # byte has no high byte at all, and is not UTF-16 (a file of one newline was U+FFFD).
        if high and b"\x00" not in low and high.count(0) >= len(high) * _MIN_UTF16_LATIN_SHARE:
            sample = head.decode(encoding, errors="replace").encode("utf-8", errors="replace")
            if not _controls(sample):
                return encoding
    return ""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """`data` as text and the encoding used: BOM, UTF-8, the declared charset, then cp1252.

    The last resort never fails: UTF-8 where the bytes are valid UTF-8 and cp1252 for the rest,
    so a file of mixed encodings keeps both right, and bytes cp1252 leaves undefined become U+FFFD.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    utf16 = utf16_without_bom(data)
    if utf16:  # before UTF-8, which accepts its NUL bytes
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    mixed = data.decode("utf-8", errors=_CP1252_FALLBACK)
    if mixed != data.decode("cp1252", errors="replace"):
        return mixed, "utf-8 + cp1252"
    return mixed, "cp1252 (with replacements)" if "\ufffd" in mixed else "cp1252"


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the bytes that are not UTF-8, read as cp1252 instead."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


_CP1252_FALLBACK = "storyline-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_bytes)


def declared_charset(data: bytes) -> str:
    """The charset an HTML meta tag or XML declaration names near the start, or ""."""
    match = _DECLARED.search(data[:SNIFF_BYTES])
    if not match:
        return ""
    name = (match.group(1) or match.group(2)).decode("ascii", errors="ignore").strip().lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""
