"""Learner records: attempts kept in an embedded SQLite file (WAL) under the data directory."""

from .ids import LearnerIdError, validate_learner_id
from .store import Attempt, ProgressStore, SCHEMA_VERSION, open_store

__all__ = ["Attempt", "LearnerIdError", "ProgressStore", "SCHEMA_VERSION", "open_store", "validate_learner_id"]
