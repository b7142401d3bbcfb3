"""Advanced BIA / BID builder: write each step for the case, check it, and take away the whole script."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.feedback_steps import BUILDERS, builder, check_steps, readiness, steps_content, to_script

from .lesson import Keeper, download_link, guarded, heading, main_button, resolve_lang, result_box, textarea

ICONS = {"ok": "✔", "revise": "✎", "empty": "…"}


def feedback_steps(lang: str | None = None) -> widgets.VBox:
    """Show the four-step BIA and five-step BID builder."""
    lang = resolve_lang(lang)
    kind = widgets.ToggleButtons(options=[(builder(k)["name"][lang], k) for k in BUILDERS], value=BUILDERS[0],
                                 style={"button_width": "auto"})
    kind.add_class("coachlab-fbsteps-kind")
    drafts: dict[str, dict[str, str]] = {k: {} for k in BUILDERS}
    area = widgets.VBox()
    boxes: dict[str, widgets.Textarea] = {}
    result = result_box()
    button = main_button(t("fbsteps.check", lang))

    def build(_=None) -> None:
        spec = builder(kind.value)
        boxes.clear()
        rows: list[widgets.Widget] = [widgets.HTML(f"<p style='background:#f5f5f5;padding:6px 10px;border-radius:4px'>"
                                                   f"{html.escape(t('fbsteps.case', lang, case=spec['case'][lang]))}</p>")]
        for step in spec["steps"]:
            box = textarea(step["hint"][lang], rows=2, value=drafts[kind.value].get(step["id"], ""))
            box.observe(lambda change, sid=step["id"], k=kind.value: drafts[k].__setitem__(sid, change["new"]), names="value")
            boxes[step["id"]] = box
            model = widgets.HTML(f"<details><summary style='color:#1565c0'>{html.escape(t('fbsteps.model', lang))}</summary>"
                                 f"<i>{html.escape(step['model'][lang])}</i></details>")
            rows += [widgets.HTML(f"<b>{html.escape(step['title'][lang])}</b>"), box, model]
        area.children = rows
        result.value = ""

    def restore(state: dict) -> None:
        for k in BUILDERS:
            drafts[k] = dict(state.get(k, {}))
        build()

    keeper = Keeper(lang, "lesson:05-communication-feedback:feedback-steps", restore)
    kind.observe(build, names="value")
    build()

    def check(_=None) -> None:
        answers = {sid: box.value for sid, box in boxes.items()}
        drafts[kind.value] = dict(answers)
        notes = check_steps(kind.value, answers, lang)
        pitfalls = {p["id"]: p for p in steps_content()["pitfalls"]}
        spec = builder(kind.value)
        # the step's short name ("1. Behaviour"), not its whole question
        titles = {s["id"]: s["title"][lang].split("：")[0].split(": ")[0] for s in spec["steps"]}
        items = []
        for note in notes:
            text = t(f"fbsteps.status.{note.status}", lang)
            colon = "：" if lang == "zh-CN" else ": "
            line = f"<li>{ICONS[note.status]} <b>{html.escape(titles[note.step])}</b>{colon}{html.escape(text)}"
            if note.status != "ok":
                line += ("" if lang == "zh-CN" else " ") + html.escape(note.hint)
            for pid in note.pitfalls:
                line += f"<br><span style='color:#8a3b12'>{html.escape(t('fbsteps.pitfall', lang))} {html.escape(pitfalls[pid]['why'][lang])}</span>"
            items.append(line + "</li>")
        share = readiness(notes)
        ready = sum(n.status == "ok" for n in notes)
        link = download_link(f"{kind.value}.txt", to_script(kind.value, answers, lang), "text/plain", t("fbsteps.download", lang))
        result.value = (f"<p><b>{html.escape(t('fbsteps.ready', lang, ok=ready, total=len(notes)))}</b></p>"
                        f"<ul style='list-style:none;padding-left:0'>{''.join(items)}</ul>{link}")
        keeper.save({k: drafts[k] for k in BUILDERS})
        keeper.record({"builder": kind.value, "answers": answers}, {kind.value: share})

    button.on_click(guarded(check, lang, result))
    box = widgets.VBox([heading(t("fbsteps.title", lang)), widgets.HTML(f"<p>{html.escape(t('fbsteps.intro', lang))}</p>"),
                        kind, area, keeper, button, result])
    box.add_class("coachlab-feedback-steps")
    return box
