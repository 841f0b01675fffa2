"""Numeric arrays inside JSON-serialisable state: their bytes as base64 text, dtype explicit.

Saved stream state holds hundreds of thousands of numbers (shingle hashes, MinHash bands,
centroid weights). As JSON numbers they cost a parse each on load; as base64 they load in one
C call, stay plain text (no pickle: a store may come from someone else) and round-trip exactly.
The dtype is always given with its byte order, so a state saved on one machine loads on another.
"""

from __future__ import annotations

import base64
import binascii

import numpy as np

from storyline.errors import UserError


def pack(values: object, dtype: str) -> str:
    """`values` (an array or a sequence of numbers) as base64 of `dtype` bytes, e.g. "<u4"."""
    return base64.b64encode(np.asarray(values, dtype=dtype).tobytes()).decode("ascii")


def unpack(text: str, dtype: str) -> np.ndarray:
    """The array `pack(values, dtype)` wrote, in native byte order (read-only)."""
    try:
        raw = base64.b64decode(text, validate=True)
        values = np.frombuffer(raw, dtype=dtype)
    except (TypeError, ValueError, binascii.Error) as exc:
        raise UserError(f"saved state holds a damaged array ({exc})") from None
    return values.astype(np.dtype(dtype).newbyteorder("="), copy=False)
