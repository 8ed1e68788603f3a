"""The offline writer: the brief composed in Chinese from the title and abstract, with no model."""
from .writer import OfflineWriter

__all__ = ["OfflineWriter"]
