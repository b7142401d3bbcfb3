"""coachlab: a Jupyter course in coaching conversations for customer-service managers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("coachlab")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
