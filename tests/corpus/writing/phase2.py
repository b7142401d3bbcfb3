"""Phase 2 of a turn-level blind set: per free-text turn, the intent ids a trainer can pick and their feedback.

Run only after the answers are committed. Prints no `when:`, scores or effects: the writer labels each answer
with the intent a trainer would pick (or `fallback`) from what each intent says to the learner.

    python tests/corpus/writing/phase2.py en|zh-CN
"""
from _scen import free_nodes, lang_arg, scenarios, text

lang = lang_arg()
for sid, data in scenarios():
    print(f"=== {sid}")
    for nid, node in free_nodes(data):
        f = node["free"]
        print(f"-- node {nid} (check {f.get('check')}): {text(f.get('prompt'), lang)}")
        for intent in f.get("intents") or ():
            print(f"   intent {intent['id']}: {text(intent.get('feedback'), lang)}")
        print(f"   fallback: {text((f.get('fallback') or {}).get('feedback'), lang)}")
    print()
