"""The pictures a trainer would draw, as SVG strings from pure functions (readable in Chinese and English).

Static models (GROW cycle, SWOT strategies, golden circle, interview flow) take only a language; the pictures
of a learner's own result (Johari window, positions, conflict styles, execution timeline) take that result.
"""

from __future__ import annotations

from datetime import date

from coachlab.i18n import t
from coachlab.packaged import packaged_yaml

from .svg import svg, text_block, wrap

PICTURES: tuple[str, ...] = ("grow", "swot", "golden", "interview", "johari", "corral", "conflict")
INK, MUTED = "#222", "#555"


def picture_words() -> dict:
    """Load the words on the pictures."""
    return packaged_yaml(__package__, "pictures.yaml")


def _lines_at(x: float, y: float, text: str, width_px: float, size: float, max_lines: int = 4, **kw) -> tuple[str, float]:
    """Wrap ``text`` into ``width_px`` at font ``size``; return the SVG and the height used."""
    lines = wrap(text, width_px / size, max_lines)
    return text_block(x, y, lines, size, **kw), len(lines) * size * 1.3


def _arrow_defs(color: str = "#555") -> str:
    return (f'<defs><marker id="arr" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker></defs>')


# --- Johari window ----------------------------------------------------------------------------------
JOHARI_COLORS = {"open": "#d5f5e3", "blind": "#fadbd8", "hidden": "#d6eaf8", "unknown": "#ececec"}


def johari_svg(window, lang: str) -> str:
    """Draw a Johari window whose panes grow with the items in them, listing the items in each pane."""
    from .johari import johari_content, label

    content = johari_content()
    x0, y0, w, h = 96, 58, 520, 400
    across, down = window.splits()
    sx, sy = x0 + w * across, y0 + h * down
    rects = {"open": (x0, y0, sx - x0, sy - y0), "blind": (sx, y0, x0 + w - sx, sy - y0),
             "hidden": (x0, sy, sx - x0, y0 + h - sy), "unknown": (sx, sy, x0 + w - sx, y0 + h - sy)}
    body = [_arrow_defs("#1565c0")]
    for pane, (x, y, pw, ph) in rects.items():
        items = getattr(window, pane)
        body.append(f'<rect class="johari-pane johari-{pane}" x="{x:.1f}" y="{y:.1f}" width="{pw:.1f}" height="{ph:.1f}" '
                    f'fill="{JOHARI_COLORS[pane]}" stroke="#666" stroke-width="1.5"/>')
        name = f"{content['panes'][pane]['name'][lang]} · {len(items)}"
        body.append(text_block(x + 8, y + 22, [name], 16, weight="bold"))
        hint, used = _lines_at(x + 8, y + 40, content["panes"][pane]["hint"][lang], pw - 16, 11, 2, fill=MUTED)
        body.append(hint)
        cursor = y + 40 + used + 6
        room = int((y + ph - cursor) // 16)
        shown = 0
        for item in items:
            lines = wrap("• " + label(item, lang), (pw - 16) / 12, 2)
            if room - len(lines) < (1 if shown < len(items) - 1 else 0) or room < len(lines):
                break
            body.append(text_block(x + 8, cursor + 8, lines, 12, gap=1.25))
            cursor += len(lines) * 15 + 3
            room = int((y + ph - cursor) // 16)
            shown += 1
        if shown < len(items):
            more = f"+{len(items) - shown}"
            body.append(text_block(x + pw - 8, y + ph - 8, [more], 12, anchor="end", fill=MUTED))
    axes = content["axes"]
    body.append(text_block((x0 + sx) / 2, y0 - 12, [axes["self_known"][lang]], 13, anchor="middle", weight="bold"))
    body.append(text_block((sx + x0 + w) / 2, y0 - 12, [axes["self_unknown"][lang]], 13, anchor="middle", weight="bold"))
    for text, top, bottom in ((axes["others_known"][lang], y0, sy), (axes["others_unknown"][lang], sy, y0 + h)):
        lines = wrap(text, 84 / 13, 4)
        mid = (top + bottom) / 2 - (len(lines) - 1) * 13 * 1.3 / 2 + 4
        body.append(text_block(x0 - 8, mid, lines, 13, anchor="end", weight="bold"))
    # the two ways to grow the open pane: feedback pushes the line into the blind pane, disclosure into the hidden one
    body.append(f'<line x1="{sx - 26:.1f}" y1="{y0 - 5:.1f}" x2="{sx + 26:.1f}" y2="{y0 - 5:.1f}" stroke="#1565c0" '
                f'stroke-width="3" marker-end="url(#arr)"/>')
    body.append(f'<line x1="{x0 + w + 10:.1f}" y1="{sy - 26:.1f}" x2="{x0 + w + 10:.1f}" y2="{sy + 26:.1f}" '
                f'stroke="#1565c0" stroke-width="3" marker-end="url(#arr)"/>')
    methods = content["methods"]
    legend = (f"→ {methods['feedback']['name'][lang]}: {methods['feedback']['effect'][lang]}    "
              f"↓ {methods['disclosure']['name'][lang]}: {methods['disclosure']['effect'][lang]}")
    if lang == "zh-CN":
        legend = legend.replace(": ", "：")
    body.append(text_block(x0, y0 + h + 26, [legend], 13, fill="#1565c0"))
    return svg(640, 500, "".join(body), picture_words()["johari"]["title"][lang], "coachlab-johari-picture")


# --- Psychological positions (OK corral) -------------------------------------------------------------
CORRAL = {"ok_notok": (0, 0), "ok_ok": (1, 0), "notok_notok": (0, 1), "notok_ok": (1, 1)}


def corral_svg(lang: str, profile=None) -> str:
    """Draw the four positions; with a profile, shade each by how often it was chosen and show the count."""
    from .positions import positions_content

    words, positions = picture_words()["corral"], positions_content()["positions"]
    x0, y0, cw, ch = 110, 50, 250, 150
    body = []
    shares = profile.shares() if profile else {}
    for pos, (col, row) in CORRAL.items():
        x, y = x0 + col * cw, y0 + row * ch
        base = "#d5f5e3" if pos == "ok_ok" else "#fdebd0"
        body.append(f'<rect class="corral-{pos}" x="{x}" y="{y}" width="{cw}" height="{ch}" fill="{base}" stroke="#666" stroke-width="1.5"/>')
        if profile:
            body.append(f'<rect x="{x}" y="{y}" width="{cw}" height="{ch}" fill="#1565c0" fill-opacity="{0.45 * shares[pos]:.2f}"/>')
        body.append(text_block(x + 10, y + 24, [positions[pos]["label"][lang]], 15, weight="bold"))
        lines, _ = _lines_at(x + 10, y + 46, positions[pos]["mode"][lang], cw - 20, 13, 2, fill=MUTED)
        body.append(lines)
        if profile:
            count = f"{profile.counts[pos]} / {profile.answered}"
            body.append(text_block(x + cw - 12, y + ch - 14, [count], 22, anchor="end", weight="bold", fill="#0d47a1"))
    body.append(text_block(x0 + cw / 2, y0 - 14, [f"← {words['you_not'][lang]}"], 13, anchor="middle", weight="bold"))
    body.append(text_block(x0 + 1.5 * cw, y0 - 14, [f"{words['you_ok'][lang]} →"], 13, anchor="middle", weight="bold"))
    body.append(text_block(x0 - 10, y0 + ch / 2, [f"↑ {words['i_ok'][lang]}"], 13, anchor="end", weight="bold"))
    body.append(text_block(x0 - 10, y0 + 1.5 * ch, [f"↓ {words['i_not'][lang]}"], 13, anchor="end", weight="bold"))
    return svg(630, 370, "".join(body), words["title"][lang], "coachlab-corral-picture")


# --- Conflict styles ----------------------------------------------------------------------------------
def conflict_svg(lang: str, profile=None) -> str:
    """Draw the five conflict styles on the assertive × cooperative map; with a profile, size them by score."""
    from .conflict import STYLES, conflict_content

    words, styles = picture_words()["conflict"], conflict_content()["styles"]
    x0, y0, w, h = 70, 30, 480, 330
    body = [_arrow_defs(), f'<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="#fafafa" stroke="#bbb"/>',
            f'<line x1="{x0}" y1="{y0 + h}" x2="{x0 + w + 10}" y2="{y0 + h}" stroke="#555" stroke-width="2" marker-end="url(#arr)"/>',
            f'<line x1="{x0}" y1="{y0 + h}" x2="{x0}" y2="{y0 - 10}" stroke="#555" stroke-width="2" marker-end="url(#arr)"/>']
    top = set(profile.top()) if profile else set()
    for style in STYLES:
        spec = styles[style]
        cx, cy = x0 + spec["x"] * w, y0 + (1 - spec["y"]) * h
        score = profile.scores[style] if profile else 9
        r = 12 + 2.2 * (score - 3) if profile else 30
        fill = "#1565c0" if style in top else "#90caf9"
        body.append(f'<circle class="conflict-{style}" cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{fill}" fill-opacity="0.55" stroke="#0d47a1"/>')
        text = spec["name"][lang] + (f" {score}" if profile else "")
        body.append(text_block(cx, cy + 5, [text], 14, anchor="middle", weight="bold"))
    body.append(text_block(x0 + w, y0 + h + 24, [words["cooperative"][lang] + " →"], 13, anchor="end", fill=MUTED))
    body.append(text_block(x0 + 6, y0 - 14, ["↑ " + words["assertive"][lang]], 13, fill=MUTED))
    return svg(600, 400, "".join(body), words["title"][lang], "coachlab-conflict-picture")


# --- Listening levels -----------------------------------------------------------------------------
def levels_svg(lang: str, counts: dict[str, int] | None = None) -> str:
    """Draw the five levels of listening as a staircase; with counts, mark how many replies sat on each step."""
    from .listening import listening_content

    levels = listening_content()["levels"]
    step_w, rise, base = 128, 34, 246
    body = []
    for i, level in enumerate(levels):
        x, top = 20 + i * step_w, base - (i + 1) * rise
        color = "#c8e6c9" if i == len(levels) - 1 else "#e3f2fd"
        body.append(f'<rect class="level-{level["id"]}" x="{x}" y="{top}" width="{step_w - 4}" height="{base - top}" fill="{color}" stroke="#90a4ae"/>')
        name = level[lang].split("：")[0].split(":")[0]
        lines, _ = _lines_at(x + (step_w - 4) / 2, top + 20, name, step_w - 14, 13, 2, anchor="middle", weight="bold")
        body.append(lines)
        if counts and counts.get(level["id"]):
            body.append(f'<circle cx="{x + step_w - 24}" cy="{top - 14}" r="12" fill="#c62828"/>')
            body.append(text_block(x + step_w - 24, top - 9, [str(counts[level["id"]])], 13, anchor="middle", weight="bold", fill="#fff"))
    words = picture_words()["levels"]
    caption, _ = _lines_at(20, 18, words["up"][lang], len(levels) * step_w - 10, 13, 2, fill=MUTED)
    body.append(caption)
    return svg(20 + len(levels) * step_w + 10, base + 10, "".join(body), words["title"][lang], "coachlab-levels-picture")


# --- GROW -------------------------------------------------------------------------------------------
def grow_svg(lang: str) -> str:
    """Draw the GROW cycle: four stages clockwise around 'ask, don't tell', each with a sample question."""
    words = picture_words()["grow"]
    boxes = [(30, 30), (390, 30), (390, 250), (30, 250)]  # G top-left, R top-right, O bottom-right, W bottom-left
    bw, bh = 300, 130
    body = [_arrow_defs()]
    for (x, y), stage in zip(boxes, words["stages"]):
        body.append(f'<rect class="grow-{stage["id"]}" x="{x}" y="{y}" width="{bw}" height="{bh}" rx="14" fill="#e3f2fd" stroke="#1565c0" stroke-width="1.5"/>')
        body.append(f'<circle cx="{x + 30}" cy="{y + 32}" r="20" fill="#1565c0"/>')
        body.append(text_block(x + 30, y + 40, [stage["letter"]], 22, anchor="middle", weight="bold", fill="#fff"))
        body.append(text_block(x + 60, y + 40, [stage["name"][lang]], 18, weight="bold"))
        ask, _ = _lines_at(x + 16, y + 76, stage["ask"][lang], bw - 32, 14, 3, fill=INK)
        body.append(ask)
    arrows = [(330, 95, 390, 95), (540, 160, 540, 250), (390, 315, 330, 315), (180, 250, 180, 160)]
    body += [f'<line x1="{a}" y1="{b}" x2="{c}" y2="{d}" stroke="#555" stroke-width="3" marker-end="url(#arr)"/>'
             for a, b, c, d in arrows]
    body.append('<circle cx="360" cy="205" r="52" fill="#fff8e1" stroke="#f9a825" stroke-width="2"/>')
    centre, used = _lines_at(360, 200, words["centre"][lang], 90, 15, 2, anchor="middle", weight="bold")
    body.append(centre)
    return svg(720, 410, "".join(body), words["title"][lang], "coachlab-grow-picture")


# --- SWOT -----------------------------------------------------------------------------------------
def _section_label(section: str, lang: str) -> str:
    name, letter = t("swot.section." + section, lang), section[0].upper()
    return name if f"（{letter}）" in name or f"({letter})" in name else f"{letter} · {name}"


def swot_svg(lang: str) -> str:
    """Draw the SWOT strategy matrix: strengths/weaknesses across, opportunities/threats down, the four stances."""
    from .swot import quadrant_specs

    words, specs = picture_words()["swot"], quadrant_specs()
    x0, y0, hw, hh, cw, ch = 20, 50, 150, 60, 262, 130
    colors = {"strengths": "#d5f5e3", "weaknesses": "#fadbd8", "opportunities": "#d6eaf8", "threats": "#fdebd0"}
    body = [text_block(x0 + hw + cw, y0 - 20, [words["inner"][lang]], 13, anchor="middle", fill=MUTED)]
    for i, section in enumerate(("strengths", "weaknesses")):
        x = x0 + hw + i * cw
        body.append(f'<rect x="{x}" y="{y0}" width="{cw}" height="{hh}" fill="{colors[section]}" stroke="#666"/>')
        body.append(text_block(x + cw / 2, y0 + 36, [_section_label(section, lang)], 16, anchor="middle", weight="bold"))
    for j, section in enumerate(("opportunities", "threats")):
        y = y0 + hh + j * ch
        body.append(f'<rect x="{x0}" y="{y}" width="{hw}" height="{ch}" fill="{colors[section]}" stroke="#666"/>')
        body.append(text_block(x0 + hw / 2, y + ch / 2 + 6, [_section_label(section, lang)], 16, anchor="middle", weight="bold"))
        for i, inner in enumerate(("strengths", "weaknesses")):
            code = inner[0].upper() + section[0].upper()
            spec = specs[code]
            x = x0 + hw + i * cw
            body.append(f'<rect class="swot-{code}" x="{x}" y="{y}" width="{cw}" height="{ch}" fill="#fff" stroke="#666"/>')
            body.append(text_block(x + 12, y + 28, [f"{code} · {spec['stance'][lang]}"], 17, weight="bold", fill="#0d47a1"))
            question, _ = _lines_at(x + 12, y + 56, spec["question"][lang], cw - 24, 13, 4, fill=INK)
            body.append(question)
    outer, _ = _lines_at(x0 + hw / 2, y0 + 20, words["outer"][lang], hw - 10, 11, 3, anchor="middle", fill=MUTED)
    body.append(outer)
    return svg(700, 390, "".join(body), words["title"][lang], "coachlab-swot-picture")


# --- Golden circle ----------------------------------------------------------------------------------
def golden_svg(lang: str) -> str:
    """Draw the three rings, why at the centre, with an example for each ring from a service team."""
    words = picture_words()["golden"]
    cx, cy = 160, 170
    rings = [("what", 140, "#d5f5e3"), ("how", 95, "#aed6f1"), ("why", 50, "#f9e79f")]
    body = [_arrow_defs("#888")]
    body += [f'<circle class="golden-{ring}" cx="{cx}" cy="{cy}" r="{r}" fill="{color}" stroke="#888"/>' for ring, r, color in rings]
    body.append(text_block(cx, cy + 6, [t("golden.ring.why", lang)], 16, anchor="middle", weight="bold"))
    body.append(text_block(cx, cy - 62, [t("golden.ring.how", lang)], 15, anchor="middle", weight="bold"))
    body.append(text_block(cx, cy - 108, [t("golden.ring.what", lang)], 15, anchor="middle", weight="bold"))
    for (ring, y_text, y_ring) in (("why", 150, cy), ("how", 230, cy + 72), ("what", 310, cy + 120)):
        body.append(f'<line x1="{cx + 30}" y1="{y_ring}" x2="340" y2="{y_text - 5}" stroke="#888" stroke-dasharray="4 3"/>')
        body.append(text_block(350, y_text - 18, [t(f"golden.ring.{ring}", lang)], 14, weight="bold"))
        note, _ = _lines_at(350, y_text + 2, words["notes"][ring][lang], 300, 13, 2, fill=INK)
        body.append(note)
    order = " → ".join(t(f"golden.ring.{ring}", lang) for ring in ("why", "how", "what"))
    body.append(text_block(350, 50, [order], 16, weight="bold", fill="#0d47a1"))
    return svg(680, 340, "".join(body), words["title"][lang], "coachlab-golden-picture")


# --- Performance interview flow ------------------------------------------------------------------
def interview_svg(lang: str) -> str:
    """Draw the performance interview as one loop: prepare → interview → feedback → follow up → next cycle."""
    words = picture_words()["interview"]
    bw, gap, y = 170, 34, 30
    body = [_arrow_defs()]
    for i, stage in enumerate(words["stages"]):
        x = 20 + i * (bw + gap)
        body.append(f'<rect class="interview-{stage["id"]}" x="{x}" y="{y}" width="{bw}" height="200" rx="12" fill="#e8f5e9" stroke="#2e7d32" stroke-width="1.5"/>')
        body.append(f'<rect x="{x}" y="{y}" width="{bw}" height="40" rx="12" fill="#2e7d32"/>')
        body.append(text_block(x + bw / 2, y + 27, [f"{i + 1}  {stage['name'][lang]}"], 17, anchor="middle", weight="bold", fill="#fff"))
        cursor = y + 66
        for point in stage["points"]:
            lines = wrap("• " + point[lang], (bw - 20) / 13, 3)
            body.append(text_block(x + 10, cursor, lines, 13, gap=1.3))
            cursor += len(lines) * 17 + 8
        if i < len(words["stages"]) - 1:
            body.append(f'<line x1="{x + bw + 2}" y1="{y + 100}" x2="{x + bw + gap - 2}" y2="{y + 100}" stroke="#555" stroke-width="3" marker-end="url(#arr)"/>')
    last = 20 + 3 * (bw + gap) + bw / 2
    body.append(f'<path d="M{last},{y + 202} L{last},{y + 240} L{20 + bw / 2},{y + 240} L{20 + bw / 2},{y + 206}" fill="none" '
                f'stroke="#555" stroke-width="2" stroke-dasharray="6 4" marker-end="url(#arr)"/>')
    body.append(text_block((last + 20 + bw / 2) / 2, y + 234, [words["loop"][lang]], 13, anchor="middle", fill=MUTED))
    return svg(20 + 4 * bw + 3 * gap + 20, 290, "".join(body), words["title"][lang], "coachlab-interview-picture")


# --- Execution timeline ---------------------------------------------------------------------------
def execution_svg(plan, lang: str) -> str:
    """Draw the plan's period as a line, the gates above it and the numbered actions below it."""
    from .execution import GATES, gate_name_map

    words = picture_words()["execution"]
    if plan.start is None or plan.end is None or plan.end <= plan.start:
        return ""
    x0, x1, y = 40, 680, 110
    span = (plan.end - plan.start).days

    def xpos(day: date) -> float:
        return x0 + (x1 - x0) * min(1.0, max(0.0, (day - plan.start).days / span))

    body = [f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" stroke="#555" stroke-width="3"/>',
            text_block(x0, y + 22, [plan.start.isoformat()], 12, anchor="middle", fill=MUTED),
            text_block(x1, y + 22, [plan.end.isoformat()], 12, anchor="middle", fill=MUTED)]
    names = gate_name_map(lang)
    for i, gate_id in enumerate(GATES):
        gate = plan.gates.get(gate_id)
        if gate is None or gate.when is None:
            continue
        gx = xpos(gate.when)
        body.append(f'<path class="execution-gate" d="M{gx:.1f},{y - 14} l10,14 l-10,14 l-10,-14 z" fill="#f9a825" stroke="#8d6e00"/>')
        label = names[gate_id].split("·")[-1].strip()
        body.append(text_block(gx, y - 24 - (i % 2) * 18, [f"{label} {gate.when.month}/{gate.when.day}"], 12, anchor="middle", weight="bold"))
    for n, action in enumerate((a for a in plan.actions if a.what.strip()), start=1):
        if action.due is None:
            continue
        ax = xpos(action.due)
        ay = y + 40 + ((n - 1) % 3) * 28
        body.append(f'<line x1="{ax:.1f}" y1="{y}" x2="{ax:.1f}" y2="{ay - 10}" stroke="#90caf9"/>')
        body.append(f'<circle class="execution-action" cx="{ax:.1f}" cy="{ay:.1f}" r="10" fill="#1565c0"/>')
        body.append(text_block(ax, ay + 4, [str(n)], 12, anchor="middle", weight="bold", fill="#fff"))
        who = wrap(action.owner.strip(), 8, 1)
        if who:
            body.append(text_block(ax + 14, ay + 4, who, 11, fill=MUTED))
    return svg(720, 235, "".join(body), words["title"][lang], "coachlab-execution-picture")


def static_picture(name: str, lang: str) -> str:
    """Return one of the static model pictures by name: grow, swot, golden, interview, corral or conflict."""
    drawers = {"grow": grow_svg, "swot": swot_svg, "golden": golden_svg, "interview": interview_svg,
               "corral": corral_svg, "conflict": conflict_svg}
    if name not in drawers:
        raise ValueError(f"unknown picture {name!r}; expected one of {sorted(drawers)}")
    return drawers[name](lang)
