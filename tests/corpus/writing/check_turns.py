"""Check a turn-level blind set's coverage (and, with --labels, its intent ids); print counts only.

Every free-text turn of every role-play needs at least 4 good and 5 poor answers; each answer has `t`,
`quality` (good|poor) and a known `register`; with --labels each also has an `intent` that is one of that
turn's intent ids or `fallback`.

    python tests/corpus/writing/check_turns.py DIR en|zh-CN [--labels]
"""
import sys
from collections import Counter
from pathlib import Path

import yaml

from _scen import free_nodes, scenarios

REGISTERS = {"spoken", "wechat", "rambling", "notes", "textbook", "typos", "nonnative", "sarcasm", "threat",
             "mixed"}
if len(sys.argv) < 3:
    sys.exit(__doc__)
folder, lang, labels = Path(sys.argv[1]), sys.argv[2], "--labels" in sys.argv
problems, registers, total = [], Counter(), Counter()
for sid, data in scenarios():
    path = folder / f"{sid}.{lang}.yaml"
    if not path.is_file():
        problems.append(f"{path.name}: missing")
        continue
    doc = yaml.safe_load(path.read_text("utf-8")) or {}
    if doc.get("scenario") != sid or doc.get("lang") != lang:
        problems.append(f"{path.name}: scenario/lang header")
    turns = {t.get("node"): t.get("answers") or [] for t in doc.get("turns") or ()}
    for nid, node in free_nodes(data):
        answers = turns.pop(nid, [])
        ids = {i["id"] for i in node["free"].get("intents") or ()} | {"fallback"}
        q = Counter(a.get("quality") for a in answers)
        if q["good"] < 4 or q["poor"] < 5:
            problems.append(f"{sid}/{nid}: {q['good']} good, {q['poor']} poor (need 4 and 5)")
        for n, a in enumerate(answers):
            if not str(a.get("t") or "").strip() or a.get("quality") not in ("good", "poor"):
                problems.append(f"{sid}/{nid} #{n}: needs t and quality good|poor")
            if a.get("register") not in REGISTERS:
                problems.append(f"{sid}/{nid} #{n}: register {a.get('register')!r}")
            if labels and a.get("intent") not in ids:
                problems.append(f"{sid}/{nid} #{n}: intent {a.get('intent')!r} is not one of this turn's")
            registers[a.get("register")] += 1
            total[a.get("quality")] += 1
    for extra in turns:
        problems.append(f"{sid}: node {extra!r} is not a free-text turn")
print(f"answers: {dict(total)}; registers: {dict(registers)}")
print("\n".join(problems) if problems else "OK")
sys.exit(1 if problems else 0)
