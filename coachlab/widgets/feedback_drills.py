"""BIA/BID practice: rewrite poor feedback, see which elements the feedback check finds, compare with a model."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t

from .lesson import Keeper, guarded, heading, main_button, resolve_lang, result_box, textarea
from coachlab.packaged import packaged_yaml

ELEMENTS = ("behavior", "impact", "appreciation", "development")


def drills() -> list[dict]:
    """Load the rewrite drills."""
    return packaged_yaml("coachlab.tools", "drills.yaml")


def _present(value: object) -> bool:
    if isinstance(value, dict):
        return bool(value.get("present", value.get("found", value.get("met", False))))
    if isinstance(value, (list, tuple)):
        return len(value) > 0
    return bool(value)


def feedback_report_html(report: dict, model: str, lang: str) -> str:
    """Render what the feedback check found against the elements the model needs."""
    needed = ("behavior", "impact", "appreciation") if model == "BIA" else ("behavior", "impact", "development")
    elements = report.get("elements", {})
    lines = "".join(f"<li>{'✔' if _present(elements.get(e)) else '✘'} {html.escape(t(f'drills.element.{e}', lang))}</li>"
                    for e in needed)
    flags = [p.get("why") or p.get("id") for p in report.get("pitfalls") or [] if isinstance(p, dict)]
    flags = flags or [str(f) for f in report.get("flags") or []]
    flag_html = "".join(f"<li>{html.escape(str(f))}</li>" for f in flags)
    tips = "".join(f"<li>{html.escape(str(s))}</li>" for s in report.get("suggestions") or [])
    return (f"<ul style='list-style:none;padding-left:0'>{lines}</ul>"
            + (f"<p><b>{html.escape(t('drills.pitfalls', lang))}</b></p><ul>{flag_html}</ul>" if flag_html else "")
            + (f"<p><b>{html.escape(t('drills.tips', lang))}</b></p><ul>{tips}</ul>" if tips else ""))


def feedback_drills(lang: str | None = None) -> widgets.VBox:
    """Show the rewrite-the-bad-feedback drills, then the free BIA/BID practice pad when available."""
    lang = resolve_lang(lang)
    items = drills()
    picker = widgets.Dropdown(options=[(f"{i + 1}. {d['bad'][lang]}", i) for i, d in enumerate(items)], value=0,
                              description=t("drills.pick", lang), style={"description_width": "initial"},
                              layout=widgets.Layout(width="98%"))
    brief = widgets.HTML()
    rewrite = textarea(t("drills.placeholder", lang), rows=4)
    result = result_box()
    button = main_button(t("drills.check", lang))
    drafts: dict[str, str] = {}

    def show_brief(_=None) -> None:
        drill = items[picker.value]
        brief.value = (f"<p><b>{html.escape(t('drills.bad', lang))}</b> “{html.escape(drill['bad'][lang])}”<br>"
                       f"<b>{html.escape(t('drills.wrong', lang))}</b> {html.escape(drill['wrong'][lang])}<br>"
                       f"<b>{html.escape(t('drills.model', lang))}</b> {drill['model']}</p>")
        rewrite.value = drafts.get(drill["id"], "")
        result.value = ""

    def restore(state: dict) -> None:
        drafts.update(state.get("drafts", {}))
        show_brief()

    keeper = Keeper(lang, "lesson:05-communication-feedback:drills", restore)

    def check(_=None) -> None:
        from coachlab.checks import run
        drill = items[picker.value]
        if not rewrite.value.strip():
            result.value = f"<p>{html.escape(t('drills.empty', lang))}</p>"
            return
        report = run("feedback", rewrite.value, lang=lang).to_dict()
        result.value = (feedback_report_html(report, drill["model"], lang)
                        + f"<details><summary>{html.escape(t('drills.show_better', lang))}</summary>"
                          f"<p>{html.escape(drill['better'][lang])}</p></details>")
        drafts[drill["id"]] = rewrite.value
        keeper.save({"drafts": drafts})
        keeper.record({"drill": drill["id"], "text": rewrite.value}, {"score": float(report.get("score") or 0)})

    picker.observe(guarded(show_brief, lang, result), names="value")
    button.on_click(guarded(check, lang, result))
    show_brief()
    parts: list[widgets.Widget] = [heading(t("drills.title", lang)), widgets.HTML(f"<p>{html.escape(t('drills.intro', lang))}</p>"),
                                   picker, brief, rewrite, keeper, button, result]
    pad = practice_pad("feedback", lang)
    if pad is not None:
        parts += [heading(t("drills.pad_title", lang)), pad]
    box = widgets.VBox(parts)
    box.add_class("coachlab-feedback-drills")
    return box


def practice_pad(kind: str, lang: str) -> widgets.Widget | None:
    """Return the shared CheckPad for ``kind`` when it is installed, else None."""
    try:
        from .checkpad import CheckPad
    except ImportError:
        return None
    return CheckPad(kind, lang)
