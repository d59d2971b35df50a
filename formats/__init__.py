"""Reading and writing sensitivity labels inside files, losslessly.  No Qt."""
from .errors import FormatError
from .model import FoundLabel, LabelStamp, MicrosoftMapping, ReadResult, TscpMapping

__all__ = ["FormatError", "FoundLabel", "LabelStamp", "MicrosoftMapping", "ReadResult", "TscpMapping"]
