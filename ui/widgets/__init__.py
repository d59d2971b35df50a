"""Small widgets shared by several windows."""
from .color_chip import ColorChip
from .verdict_mark import VerdictMark

__all__ = ["ColorChip", "VerdictMark"]
