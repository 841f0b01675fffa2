"""Decode fetched bytes to text, using the HTTP header's charset when the bytes do not say."""

from __future__ import annotations

from storyline.ingest.decode import decode_bytes


def decode(body: bytes, declared: str = "") -> tuple[str, str]:
    """The text of `body` and the encoding used.

    Valid UTF-8 wins over a declared legacy charset (legacy text almost never forms valid multi-byte
    UTF-8, so a wrong "iso-8859-1" header on a UTF-8 page is overruled); otherwise the header's
    charset is tried before the file-level rules (BOM, <meta>/<?xml?>, cp1252) of ingest.decode.
    """
    if declared and not body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        try:
            return body.decode(declared), declared.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(body)
