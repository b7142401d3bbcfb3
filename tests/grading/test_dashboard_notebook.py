"""The facilitator dashboard notebook runs headless and is committed without outputs."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "grader" / "dashboard.ipynb"


def test_dashboard_notebook_runs(tmp_path, monkeypatch):
    """One call into coachlab.widgets shows the dashboard, even before anything is graded."""
    monkeypatch.setenv("COACHLAB_GRADER", str(tmp_path / "grader"))
    monkeypatch.setenv("COACHLAB_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("COACHLAB_LANG", "en")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert not any(c.get("outputs") or c.get("execution_count") for c in nb.cells if c.cell_type == "code")
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert "Facilitator dashboard" in json.dumps(nb.metadata.get("widgets", {}))
