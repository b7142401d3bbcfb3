"""The landing notebook runs headless in both languages and is committed without outputs."""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent
ALL_NOTEBOOKS = sorted((REPO / "notebooks").rglob("*.ipynb")) + sorted((REPO / "exercises").rglob("*.ipynb"))


@pytest.mark.parametrize(("lang", "expected"), [("en", "coaching lab"), ("zh-CN", "教练实验室")])
def test_landing_runs_in_each_language(lang, expected, tmp_path, monkeypatch):
    """index.ipynb executes without error and shows its title in the chosen language."""
    monkeypatch.setenv("COACHLAB_LANG", lang)
    monkeypatch.setenv("COACHLAB_DATA", str(tmp_path))
    nb = nbformat.read(REPO / "notebooks" / "index.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [out for cell in nb.cells for out in cell.get("outputs", [])]
    assert not [out for out in outputs if out["output_type"] == "error"]
    assert any(out.get("data", {}).get("application/vnd.jupyter.widget-view+json") for out in outputs)
    widget_state = json.dumps(nb.metadata.get("widgets", {}), ensure_ascii=False)
    assert expected in widget_state


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_notebooks_committed_without_outputs(path):
    """Committed notebooks carry no outputs or execution counts (nbgrader metadata is kept)."""
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, cell in enumerate(nb.cells)
             if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))]
    assert dirty == [], f"{path.name}: cells {dirty} have outputs; clear them before committing"
