"""GROW session planner: questions per stage, each checked (open? leading? which stage?), plus the Will."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t

from .lesson import Keeper, guarded, heading, main_button, resolve_lang, result_box, textarea

STAGES = ("goal", "reality", "options", "will")


def _stage_of(report: dict) -> str | None:
    stage = report.get("grow_stage")
    if isinstance(stage, dict):
        stage = stage.get("stage") or stage.get("id")
    return str(stage).lower() if stage else None


def question_line_html(question: str, stage: str, report: dict, lang: str) -> str:
    """Render one question's check: open or closed, leading or not, and whether it fits its stage."""
    form = str(report.get("form") or "")
    leading = bool(report.get("leading"))
    found_stage = _stage_of(report)
    notes = []
    if leading:
        notes.append(t("grow.leading", lang))
    if form and form != "open":
        notes.append(t("grow.closed", lang))
    if found_stage and found_stage in STAGES and found_stage != stage:
        notes.append(t("grow.other_stage", lang, stage=t(f"grow.stage.{found_stage}", lang)))
    notes += [str(p.get("why")) for p in report.get("pitfalls") or [] if isinstance(p, dict) and p.get("why")
              and p.get("id") not in ("leading",)]
    ok = not notes
    mark = "✔" if ok else "✎"
    return f"<li>{mark} {html.escape(question)}" + (f"<br><span style='color:#8a6d3b'>{html.escape(' '.join(notes))}</span>" if notes else "") + "</li>"


def grow_planner(lang: str | None = None) -> widgets.VBox:
    """Show the GROW planner."""
    lang = resolve_lang(lang)
    boxes = {stage: textarea(t(f"grow.placeholder.{stage}", lang), rows=3) for stage in STAGES}
    commitment = widgets.IntSlider(value=7, min=1, max=10, description=t("grow.commitment", lang),
                                   style={"description_width": "initial"})
    result = result_box()
    button = main_button(t("grow.check", lang))

    def restore(state: dict) -> None:
        for stage in STAGES:
            boxes[stage].value = state.get(stage, "")
        commitment.value = int(state.get("commitment", 7))

    keeper = Keeper(lang, "lesson:06-coaching-grow:plan", restore)

    def check(_=None) -> None:
        from coachlab.checks import run
        sections, total, good = [], 0, 0
        for stage in STAGES:
            questions = [q.strip() for q in boxes[stage].value.splitlines() if q.strip()]
            lines = []
            for question in questions:
                report = run("question", question, lang=lang).to_dict()
                line = question_line_html(question, stage, report, lang)
                total += 1
                good += line.startswith("<li>✔")
                lines.append(line)
            body = "".join(lines) or f"<li><i>{html.escape(t('grow.none', lang))}</i></li>"
            sections.append(f"<p><b>{html.escape(t(f'grow.stage.{stage}', lang))}</b></p><ul style='list-style:none;padding-left:0'>{body}</ul>")
        summary = t("grow.summary", lang, good=good, total=total)
        result.value = f"<p><b>{html.escape(summary)}</b></p>" + "".join(sections)
        state = {stage: boxes[stage].value for stage in STAGES} | {"commitment": commitment.value}
        keeper.save(state)
        keeper.record(state, {"score": good / total if total else 0.0})

    button.on_click(guarded(check, lang, result))
    rows: list[widgets.Widget] = [heading(t("grow.title", lang)), widgets.HTML(f"<p>{html.escape(t('grow.intro', lang))}</p>")]
    for stage in STAGES:
        rows += [widgets.HTML(f"<b>{html.escape(t(f'grow.stage.{stage}', lang))}</b> — {html.escape(t(f'grow.hint.{stage}', lang))}"),
                 boxes[stage]]
    box = widgets.VBox([*rows, commitment, keeper, button, result])
    box.add_class("coachlab-grow-planner")
    return box
