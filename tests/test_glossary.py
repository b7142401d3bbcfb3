"""One voice: every learner-facing text uses the glossary's term for a concept, never a variant it lists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from coachlab.i18n import LANGS
from coachlab.i18n.glossary import glossary, learner_texts, scan, scan_text, scan_yaml, variants

REPO = Path(__file__).resolve().parents[1]
TERMS = glossary()


def test_glossary_has_the_course_concepts():
    """The concepts the issue names are there, each with one term per language."""
    ids = {term.id for term in TERMS}
    assert {"agent", "fcr", "bid", "review", "service-level", "answer-rate", "abandonment", "aht", "qa",
            "adherence", "busy-work-trap"} <= ids
    assert len(ids) == len(TERMS), "a concept is listed twice"
    for term in TERMS:
        assert all(term.chosen[lang].strip() for lang in LANGS), term.id
        assert term.why, term.id


@pytest.mark.parametrize("term", TERMS, ids=[t.id for t in TERMS])
def test_no_variant_pattern_matches_the_chosen_term(term):
    """A pattern that flags the chosen term itself would make the rule impossible to follow."""
    for lang in LANGS:
        for pattern in term.avoid[lang]:
            assert not pattern.search(term.chosen[lang]), (term.id, lang, pattern.pattern)


@pytest.mark.parametrize(("text", "lang", "term"), [
    ("上月首解率 64%", "zh-CN", "fcr"),
    ("把首次解决率提到 70%", "zh-CN", "fcr"),
    ("请给客服专员一个建设性反馈", "zh-CN", "bid"),
    ("满意度（top-box）", "zh-CN", "csat"),
    ("我们定个复盘日期", "zh-CN", "review"),
    ("走出低勤奋陷阱", "zh-CN", "busy-work-trap"),
    ("the low-diligence trap", "en", "busy-work-trap"),
    ("red–green contrast thinking", "en", "red-green-thinking"),
    ("raise first-call resolution", "en", "fcr"),
])
def test_a_variant_is_flagged(text, lang, term):
    """Known variants are caught, named by concept."""
    assert term in {t.id for t, _ in variants(text, lang)}


@pytest.mark.parametrize(("text", "lang"), [
    ("上月一次解决率 64%，排班遵从率 96%，放弃率 14%，接通率 86%", "zh-CN"),
    ("给客服一个发展性反馈；质检专员会参加校准会", "zh-CN"),
    ("满意度（满分占比）88%", "zh-CN"),
    ("CSAT (top-box) 88%, first-contact resolution 64%", "en"),
    ("复盘的六个步骤", "zh-CN"),
])
def test_the_chosen_terms_pass(text, lang):
    """The chosen terms, and top-box in English, are not flagged."""
    assert variants(text, lang) == []


def test_scan_names_file_line_and_language(tmp_path):
    """A variant in a bilingual YAML value is reported with its line and language, not the other language's."""
    path = tmp_path / "x.yaml"
    path.write_text("a:\n  en: \"CSAT (top-box)\"\n  zh-CN: \"满意度（top-box）\"\nb: {en: fine, zh-CN: 首解率}\n",
                    encoding="utf-8")
    hits = scan_yaml(path)
    assert [(h.line, h.lang, h.term) for h in hits] == [(3, "zh-CN", "csat"), (4, "zh-CN", "fcr")]
    md = tmp_path / "lesson.md"
    md.write_text("# 课\n\n走出低勤奋陷阱\n", encoding="utf-8")
    assert [(h.line, h.term) for h in scan_text(md, "zh-CN")] == [(3, "busy-work-trap")]


def test_every_learner_facing_file_is_scanned():
    """Catalogs, role-plays, tool data and both languages' lesson sources are all in the scan."""
    files = learner_texts(REPO)
    names = {p.name for p, _ in files}
    assert {"en.yaml", "zh-CN.yaml", "bid-late-logins.yaml", "review.yaml"} <= names
    lessons = [(p, lang) for p, lang in files if p.suffix == ".md"]
    assert {lang for _, lang in lessons} == set(LANGS), "lesson sources in both languages"
    assert len(lessons) >= 16
    assert not any(p.name.endswith(".testplan.yaml") for p, _ in files), "test plans hold learner input"


def test_learner_facing_text_uses_one_term_per_concept():
    """No variant anywhere a learner reads; the failure lists file:line and the term to write instead."""
    hits = scan(REPO)
    assert hits == [], "\n" + "\n".join(map(str, hits))


def test_no_raw_markdown_emphasis_in_plain_text():
    """Role-play lines and tool texts are shown as plain text: a '*' there shows up raw on the page."""
    raw = []
    for path, _ in learner_texts(REPO):
        if path.suffix != ".yaml" or path.parent.name == "i18n":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith("#"):
                continue
            if re.search(r"\*\w[^*]*\*", line):
                raw.append(f"{path.name}:{number}: {line.strip()[:80]}")
    assert raw == [], "\n".join(raw)


def _raw_emphasis(line: str) -> list[str]:
    """Return the **bold** runs that CommonMark leaves as raw asterisks next to Chinese text."""
    bad = []
    for match in re.finditer(r"\*\*([^*]+)\*\*", line):
        inner, after = match.group(1), line[match.end():match.end() + 1]
        before = line[match.start() - 1:match.start()] if match.start() else ""
        # CommonMark: a closing ** after punctuation must be followed by space or punctuation, and an opening **
        # before punctuation must follow space or punctuation; Chinese characters count as neither.
        if (inner[-1] in "。，、；：？！）」”" and after and not re.match(r"[\s\W]", after)) or \
           (inner[0] in "（「“" and before and not re.match(r"[\s\W]", before)):
            bad.append(match.group(0))
    return bad


@pytest.mark.parametrize(("line", "raw"), [
    ("先看**目标：**再看结果", True),
    ("这是**“复盘”**的第一步", True),
    ("先看**目标**：再看结果", False),
    ("**目标：** 再看结果", False),
])
def test_raw_emphasis_examples(line, raw):
    """The rule behind the lesson check: bold ending on Chinese punctuation before a character stays raw."""
    assert bool(_raw_emphasis(line)) is raw


def test_zh_lesson_markdown_renders_emphasis():
    """In Chinese lesson sources no **bold** run is left as raw asterisks by the Markdown renderer."""
    bad = []
    for path, lang in learner_texts(REPO):
        if path.suffix != ".md" or lang != "zh-CN":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            bad += [f"{path.relative_to(REPO)}:{number}: {run}" for run in _raw_emphasis(line)]
    assert bad == [], "\n".join(bad)


def test_glossary_file_is_plain_data():
    """The glossary stays a list of records a course author can edit (id, en, zh-CN, why, avoid)."""
    data = yaml.safe_load((REPO / "coachlab" / "i18n" / "glossary.yaml").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1 and data["terms"]
    for entry in data["terms"]:
        assert set(entry) <= {"id", "en", "zh-CN", "why", "avoid"}, entry["id"]
