"""Phase 1 of a turn-level blind set: print what a learner sees in every role-play, in one language.

Title, summary, the persona's background and KPI cards; per node its stage, note, the other person's line and
the choices; at a free-text turn the prompt, the placeholder and the check kind. No intents, no `when:`, no
scores: a writer answers the turns as a learner would, before knowing what the engine looks for.

    python tests/corpus/writing/phase1.py en|zh-CN [scenario-id]
"""
import sys

from _scen import free_nodes, lang_arg, says, scenarios, text

lang = lang_arg()
only = sys.argv[2] if len(sys.argv) > 2 else None
for sid, data in scenarios():
    if only and sid != only:
        continue
    print(f"=== {sid}: {text(data.get('title'), lang)}")
    print(text(data.get("summary"), lang))
    persona = data.get("persona") or {}
    if persona.get("background"):
        print("Background:", text(persona["background"], lang))
    for kpi in persona.get("kpis") or ():
        print(f"  KPI {text(kpi.get('label'), lang)}: {kpi.get('value')} (target {kpi.get('target')})")
    free = {nid for nid, _ in free_nodes(data)}
    for nid, node in data["nodes"].items():
        print(f"-- node {nid}{' [FREE TEXT]' if nid in free else ''} | {text(node.get('stage'), lang)}")
        if node.get("note"):
            print("   note:", text(node["note"], lang))
        for line in says(node, lang):
            print("   they say:", line)
        for choice in node.get("choices") or ():
            print("   choice:", text(choice.get("text"), lang))
        if nid in free:
            f = node["free"]
            print("   prompt:", text(f.get("prompt"), lang))
            if f.get("placeholder"):
                print("   placeholder:", text(f["placeholder"], lang))
            print("   check:", f.get("check"))
    print()
