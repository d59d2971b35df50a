"""Small widgets shared by several windows."""
from .color_chip import ColorChip
from .scroll_panel import ScrollPanel
from .verdict_mark import VerdictMark

__all__ = ["ColorChip", "ScrollPanel", "VerdictMark"]
