"""Shared reading of the role-plays for the writers' scripts (what a learner sees, nothing else)."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
LANGS = ("en", "zh-CN")


def scenarios():
    """Yield (id, data) of every shipped role-play, in id order."""
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        if path.name.endswith(".testplan.yaml"):
            continue
        data = yaml.safe_load(path.read_text("utf-8"))
        yield data["id"], data


def text(value, lang):
    if isinstance(value, dict):
        return value.get(lang) or ""
    return "" if value is None else str(value)


def says(node, lang):
    say = node.get("say")
    if isinstance(say, list):
        return [text(s, lang) for s in say]
    return [text(say, lang)] if say else []


def free_nodes(data):
    return [(nid, node) for nid, node in data["nodes"].items() if node.get("free")]


def lang_arg():
    if len(sys.argv) < 2 or sys.argv[1] not in LANGS:
        sys.exit(f"usage: {Path(sys.argv[0]).name} en|zh-CN")
    return sys.argv[1]
