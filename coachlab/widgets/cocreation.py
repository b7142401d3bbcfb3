"""Team co-creation board for a 复盘: cards, themes, dot votes, then the top themes become actions."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.cocreation import (TOP_THEMES, Board, action_problems, card_problems, cocreation_content, ranking,
                                       split_lines, theme_problems, to_markdown, vote_problems)

from .lesson import Keeper, download_link, guarded, heading, main_button, resolve_lang, result_box, textarea


def cocreation_board(lang: str | None = None) -> widgets.VBox:
    """Show the co-creation board."""
    lang = resolve_lang(lang)
    content = cocreation_content()
    focus = widgets.Text(placeholder=t("cocreate.focus_placeholder", lang), layout=widgets.Layout(width="98%"))
    cards = textarea(t("cocreate.cards_placeholder", lang), rows=6)
    themes = textarea(t("cocreate.themes_placeholder", lang), rows=3)
    for box in (cards, themes):
        box.continuous_update = False
    people = widgets.BoundedIntText(value=6, min=1, max=60, description=t("cocreate.people", lang),
                                    style={"description_width": "initial"}, layout=widgets.Layout(width="220px"))
    sorting, voting = widgets.VBox(), widgets.VBox()
    placement: dict[str, str] = {}
    votes: dict[str, int] = {}
    actions: dict[str, str] = {}
    result = result_box()
    sort_button = widgets.Button(description=t("cocreate.sort", lang), layout=widgets.Layout(width="auto"))
    sort_button.add_class("coachlab-cocreate-sort")
    button = main_button(t("cocreate.rank", lang))

    def refresh(_=None) -> None:
        card_list, theme_list = split_lines(cards.value), split_lines(themes.value)
        rows = []
        for card in card_list:
            pick = widgets.Dropdown(options=[(t("cocreate.no_theme", lang), "")] + [(x, x) for x in theme_list],
                                    value=placement.get(card) if placement.get(card) in theme_list else "",
                                    layout=widgets.Layout(width="260px"))
            pick.observe(lambda change, c=card: placement.__setitem__(c, change["new"]), names="value")
            pick.add_class("coachlab-cocreate-pick")
            rows.append(widgets.HBox([widgets.HTML(f"🗒 {html.escape(card)}", layout=widgets.Layout(width="55%")), pick]))
        sorting.children = rows
        vote_rows = []
        for theme in theme_list:
            dots = widgets.BoundedIntText(value=votes.get(theme, 0), min=0, max=999, layout=widgets.Layout(width="80px"))
            dots.observe(lambda change, x=theme: votes.__setitem__(x, int(change["new"] or 0)), names="value")
            dots.add_class("coachlab-cocreate-dots")
            act = widgets.Text(value=actions.get(theme, ""), placeholder=t("cocreate.action_placeholder", lang),
                               layout=widgets.Layout(width="50%"))
            act.observe(lambda change, x=theme: actions.__setitem__(x, change["new"]), names="value")
            vote_rows.append(widgets.HBox([widgets.HTML(f"<b>{html.escape(theme)}</b>", layout=widgets.Layout(width="25%")),
                                           widgets.HTML(html.escape(t("cocreate.dots", lang)) + "&nbsp;"), dots, act]))
        voting.children = vote_rows

    cards.observe(refresh, names="value")
    themes.observe(refresh, names="value")
    sort_button.on_click(guarded(refresh, lang, result))

    def board() -> Board:
        card_list, theme_list = split_lines(cards.value), split_lines(themes.value)
        return Board(focus.value, tuple(card_list), tuple(theme_list),
                     {c: placement[c] for c in card_list if placement.get(c)},
                     {x: votes.get(x, 0) for x in theme_list}, people.value, {x: actions.get(x, "") for x in theme_list})

    def restore(state: dict) -> None:
        saved = Board.from_dict(state)
        placement.clear(), placement.update(saved.placement)
        votes.clear(), votes.update(saved.votes)
        actions.clear(), actions.update(saved.actions)
        focus.value, people.value = saved.focus, saved.people or people.value
        cards.value, themes.value = "\n".join(saved.cards), "\n".join(saved.themes)
        refresh()

    keeper = Keeper(lang, "lesson:04-review:co-creation", restore)

    def rank(_=None) -> None:
        refresh()
        current = board()
        found = card_problems(current, lang) + theme_problems(current) + vote_problems(current)
        ranked = ranking(current)
        if not vote_problems(current):
            found += action_problems(current)
        notes = "".join(f"<li>{html.escape(p.message(lang))}</li>" for p in found)
        themes_html = "".join(
            f"<li><b>{html.escape(theme)}</b> · {html.escape(t('cocreate.votes', lang))} {dots}"
            f"{' ★' if n < TOP_THEMES and dots else ''}<br><span style='color:#555'>{html.escape(' / '.join(cards_in))}</span>"
            + (f"<br>→ {html.escape(current.actions[theme])}" if current.actions.get(theme, '').strip() else "") + "</li>"
            for n, (theme, dots, cards_in) in enumerate(ranked))
        labels = {"title": t("cocreate.doc_title", lang), "focus": t("cocreate.focus", lang),
                  "votes": t("cocreate.votes", lang), "action": t("cocreate.action", lang)}
        link = download_link("co-creation.md", to_markdown(current, lang, labels), "text/markdown", t("cocreate.download", lang))
        result.value = ((f"<ul style='color:#8a6d3b'>{notes}</ul>" if notes else
                         f"<p style='color:#2e7d32'><b>{html.escape(t('cocreate.ok', lang))}</b></p>")
                        + (f"<p><b>{html.escape(t('cocreate.ranked', lang))}</b></p><ol>{themes_html}</ol>" if ranked else "") + link)
        keeper.save(current.to_dict())
        keeper.record(current.to_dict(), {"complete": 0.0 if found else 1.0})

    button.on_click(guarded(rank, lang, result))
    steps = "".join(f"<li><b>{html.escape(s['name'][lang])}</b> {html.escape(s['text'][lang])}</li>" for s in content["steps"])
    box = widgets.VBox([heading(t("cocreate.title", lang)), widgets.HTML(f"<p>{html.escape(t('cocreate.intro', lang))}</p><ol style='list-style:none;padding-left:0'>{steps}</ol>"),
                        widgets.HTML(f"<b>{html.escape(t('cocreate.focus', lang))}</b>"), focus,
                        widgets.HTML(f"<b>{html.escape(t('cocreate.cards', lang))}</b>"), cards,
                        widgets.HTML(f"<b>{html.escape(t('cocreate.themes', lang))}</b>"), themes, people, sort_button,
                        sorting, voting, keeper, button, result])
    box.add_class("coachlab-cocreation")
    return box
