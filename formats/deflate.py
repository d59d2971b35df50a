"""Raw deflate for big members, as fast as the machine allows.

Marking a worksheet means inflating and deflating the whole sheet (a ZIP
member cannot be edited in place).  Intel's ISA-L (the `isal` package) does
both several times faster than zlib at a similar ratio, which keeps a marked
write of a big workbook close to the cost of copying it.  Where `isal` is not
installed, zlib does the same job more slowly.  Small metadata parts keep
using zlib directly.
"""
from __future__ import annotations

import zlib
from types import ModuleType

_fast: ModuleType | None
try:
    from isal import isal_zlib
except ImportError:  # optional speed-up: the results are the same deflate streams
    _fast = None
else:
    _fast = isal_zlib

# Errors both libraries raise for a damaged stream.
ERRORS: tuple[type[Exception], ...] = (zlib.error,) + ((_fast.error,) if _fast is not None else ())


def compressor():
    """A raw-deflate compressor for a big member (ISA-L level 2, else zlib level 1)."""
    if _fast is not None:
        return _fast.compressobj(2, _fast.DEFLATED, -15)
    return zlib.compressobj(1, zlib.DEFLATED, -15)


def inflater():
    """A raw-deflate decompressor with `decompress(data, max_length)` and `unconsumed_tail`."""
    if _fast is not None:
        return _fast.decompressobj(-15)
    return zlib.decompressobj(-15)
