"""resdiff: version and diff United Nations resolutions clause by clause."""

TYPE_CHECKING = False  # not typing's: importing typing would cost ~10 ms here
if TYPE_CHECKING:
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


def __getattr__(name: str) -> object:
    """The model classes, imported on first use: ``python -m resdiff`` then reaches its
    Ctrl-C handler (:mod:`resdiff._entry`) before importing anything else."""
    if name in __all__:
        from resdiff import model

        return getattr(model, name)
    raise AttributeError(f"module 'resdiff' has no attribute {name!r}")
