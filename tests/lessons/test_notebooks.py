"""Every lesson runs headless in both languages, both languages hold the same lessons and tools,
and each committed notebook is in sync with the MyST Markdown source authors edit
(notebooks/<en|zh>/<slug>.md, paired by jupytext; README, section for course authors)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

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


def test_every_notebook_has_its_source_and_every_source_its_notebook():
    """Lesson notebooks and their Markdown sources come in pairs, in both folders."""
    for folder in LANGS:
        base = REPO / "notebooks" / folder
        notebooks = sorted(p.stem for p in base.glob("*.ipynb"))
        sources = sorted(p.stem for p in base.glob("*.md"))
        assert notebooks and notebooks == sources


def cells(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source) for c in nb.cells]


@pytest.mark.parametrize("folder", list(LANGS))
@pytest.mark.parametrize("slug", SLUGS)
def test_notebook_is_in_sync_with_its_markdown_source(slug, folder):
    """The .ipynb holds exactly the cells and metadata of its .md source, with the coachlab kernel and no outputs."""
    source = REPO / "notebooks" / folder / f"{slug}.md"
    path = source.with_suffix(".ipynb")
    text = source.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "format_name: myst" in text and "```{code-cell}" in text
    expected = jupytext.read(source)
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert cells(nb), f"{path.name} is empty"
    assert cells(nb) == cells(expected), (
        f"{path.relative_to(REPO)} differs from its source; run: jupytext --to ipynb --update {source.relative_to(REPO)}")
    assert nb.metadata.kernelspec.name == "coachlab" == expected.metadata.kernelspec.name
    assert nb.metadata.coachlab == expected.metadata.coachlab == {"slug": slug, "title": nb.metadata.coachlab.title}
    assert nb.metadata.jupytext.formats == "ipynb,md:myst"
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


def test_sync_check_notices_an_edited_source(tmp_path):
    """An edit to the Markdown that was not carried into the notebook is seen (the check above can fail)."""
    source = REPO / "notebooks" / "zh" / "05-communication-feedback.md"
    edited = tmp_path / source.name
    edited.write_text(source.read_text(encoding="utf-8").replace("## ", "## 改 ", 1), encoding="utf-8")
    nb = nbformat.read(source.with_suffix(".ipynb"), as_version=4)
    assert cells(jupytext.read(edited)) != cells(nb)
    assert cells(jupytext.read(source)) == cells(nb)


def rendered_text(markdown: str) -> str:
    """Return the text a reader sees once the Markdown is rendered (CommonMark, as Jupyter renders it)."""
    from markdown_it import MarkdownIt

    return re.sub(r"<[^>]+>", "", MarkdownIt("commonmark").enable("table").render(markdown))


def test_raw_markdown_marks_are_seen():
    """Emphasis glued to Chinese punctuation stays raw; the same words with the mark moved render."""
    assert "*" in rendered_text("*小组练习：*拿一张纸")
    assert "*" not in rendered_text("*小组练习*：拿一张纸")


@pytest.mark.parametrize("folder", list(LANGS))
@pytest.mark.parametrize("slug", SLUGS)
def test_lesson_prose_renders_without_raw_marks_and_uses_the_glossary(slug, folder):
    """No stray * or ** is left on the page, and no term the glossary rules out appears in the lesson."""
    from coachlab.i18n.glossary import scan_text

    source = REPO / "notebooks" / folder / f"{slug}.md"
    nb = jupytext.read(source)
    prose = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert prose
    raw = [line for cell in prose for line in rendered_text(cell).splitlines() if "*" in line or "__" in line]
    assert raw == []
    assert [str(hit) for hit in scan_text(source, LANGS[folder])] == []


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
