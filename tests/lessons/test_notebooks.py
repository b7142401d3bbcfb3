"""Every lesson runs headless in both languages, both languages hold the same lessons and tools,
and the committed notebooks are exactly what tests/lessons/lesson_sources.py generates."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from . import lesson_sources

REPO = Path(__file__).resolve().parents[2]
SLUGS = ["00-first-line-manager", "01-learning-golden-circle", "02-swot", "03-goals-smart", "04-review",
         "05-communication-feedback", "06-coaching-grow", "07-promotion-interview"]
LANGS = {"en": "en", "zh": "zh-CN"}


def load(folder: str, slug: str) -> dict:
    return json.loads((REPO / "notebooks" / folder / f"{slug}.ipynb").read_text(encoding="utf-8"))


def test_both_languages_have_the_eight_lessons():
    """Publish the same eight lesson slugs in notebooks/en and notebooks/zh."""
    for folder in LANGS:
        found = sorted(p.stem for p in (REPO / "notebooks" / folder).glob("[0-9][0-9]-*.ipynb"))
        assert found == SLUGS


@pytest.mark.parametrize("slug", SLUGS)
def test_same_tool_calls_and_titles_in_both_languages(slug):
    """Make the en and zh notebooks call the same tools in the same order, each with its own title."""
    en, zh = load("en", slug), load("zh", slug)
    code = lambda nb: ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert code(en) == code(zh)
    assert "setup_page()" in code(en)[0]
    assert any("knowledge_check" in c for c in code(en)) and any("lesson_links" in c for c in code(en))
    tools = [c for c in code(en) if "setup_page" not in c and "knowledge_check" not in c and "lesson_links" not in c]
    assert tools, "each lesson has at least one interactive tool"
    en_title, zh_title = en["metadata"]["coachlab"]["title"], zh["metadata"]["coachlab"]["title"]
    assert en_title.startswith(slug[:2]) and zh_title.startswith(slug[:2]) and en_title != zh_title
    assert re.search(r"[\u4e00-\u9fff]", zh_title)
    prose_zh = " ".join("".join(c["source"]) for c in zh["cells"] if c["cell_type"] == "markdown")
    assert len(re.findall(r"[\u4e00-\u9fff]", prose_zh)) > 300


@pytest.mark.parametrize("slug", SLUGS)
def test_notebooks_are_generated_and_committed_without_outputs(slug):
    """Keep every notebook identical to its generated source: nbformat 4, the coachlab kernel, no outputs."""
    lesson = next(l for l in lesson_sources.LESSONS if l["slug"] == slug)
    for folder in LANGS:
        path = REPO / "notebooks" / folder / f"{slug}.ipynb"
        assert path.read_text(encoding="utf-8") == lesson_sources.render(lesson, folder)
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert nb.metadata.kernelspec.name == "coachlab"
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


ERROR_MARKERS = ("Traceback", "coachlab-error", "Error:")


@pytest.mark.parametrize("folder", list(LANGS))
def test_every_lesson_runs_top_to_bottom(folder, tmp_path, monkeypatch):
    """Execute each lesson headless with COACHLAB_LANG set and a scratch data folder, with no error output."""
    monkeypatch.setenv("COACHLAB_LANG", LANGS[folder])
    monkeypatch.setenv("COACHLAB_DATA", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    for slug in SLUGS:
        nb = nbformat.read(REPO / "notebooks" / folder / f"{slug}.ipynb", as_version=4)
        NotebookClient(nb, timeout=180, startup_timeout=180, kernel_name="python3", resources={"metadata": {"path": str(REPO / "notebooks" / folder)}}).execute()
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                assert output.get("output_type") != "error", f"{slug}: {output.get('ename')}: {output.get('evalue')}"
                text = json.dumps(output.get("data", {})) + str(output.get("text", ""))
                assert not any(marker in text for marker in ERROR_MARKERS), f"{slug}: {text[:300]}"
        widget_views = [o for c in nb.cells for o in c.get("outputs", [])
                        if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
        assert len(widget_views) >= 3, f"{slug}: expected the tool, the knowledge check and the links"
