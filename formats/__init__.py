"""Reading and writing sensitivity labels inside files, losslessly.  No Qt."""
from .errors import FormatError
from .model import FoundLabel, LabelStamp, MicrosoftMapping, ReadResult, TscpMapping

__all__ = ["FormatError", "FoundLabel", "LabelStamp", "MicrosoftMapping", "ReadResult", "TscpMapping",
           "document_extensions"]


def document_extensions() -> frozenset[str]:
    """Every extension of a document format the app labels (loads the handlers when called)."""
    from .registry import document_extensions as extensions

    return extensions()
