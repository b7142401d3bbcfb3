"""Voila configuration for learners: which cells are timed, which pages are preheated."""

from pathlib import Path

import nbformat
import pytest

from coachlab.serve import CELL_TIMEOUT_S, cell_timeout, preheated_pages, voila_config

REPO = Path(__file__).resolve().parent.parent
PAGES = sorted((REPO / "notebooks").rglob("*.ipynb")) + [REPO / "grader" / "dashboard.ipynb"]


def code_cells(path: Path) -> list[dict]:
    return [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_only_the_first_cell_of_a_page_waits_untimed(path):
    """Each page's first cell waits for the request without a limit; every later cell is timed."""
    cells = code_cells(path)
    assert cell_timeout(cells[0]) is None, "the first cell must call setup_page() or a page function"
    assert [cell_timeout(cell) for cell in cells[1:]] == [CELL_TIMEOUT_S] * (len(cells) - 1)


def test_timeout_func_is_the_configured_limit():
    """The executor's limit follows --cell-timeout and exempts only page-entry cells."""
    timed = voila_config(cell_timeout_s=7)["VoilaExecutor"]["timeout_func"]
    assert timed(nbformat.v4.new_code_cell("from coachlab.widgets import landing\nlanding()")) is None
    assert timed(nbformat.v4.new_code_cell("while True: pass")) == 7
    assert timed(nbformat.v4.new_markdown_cell("call landing() here")) == 7


def test_no_pool_preheats_nothing():
    """--no-pool leaves every page to start its kernel on request."""
    assert preheated_pages(REPO / "notebooks", pool=False) == {}
    config = voila_config(pool=False)
    assert config["VoilaConfiguration"]["preheat_kernel"] is False
