"""resdiff: version and diff United Nations resolutions clause by clause."""

from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Unit, UnitKind

__version__ = "0.1.0"

__all__ = [
    "Change",
    "ChangeStatus",
    "Comparison",
    "Resolution",
    "Unit",
    "UnitKind",
    "__version__",
]
