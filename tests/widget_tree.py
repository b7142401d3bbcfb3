"""Finding and using widgets inside a tool without a browser (shared by the lesson and tool widget tests)."""

from __future__ import annotations


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def find(root, cls=None, kind=None):
    return [w for w in walk(root) if (cls is None or cls in getattr(w, "_dom_classes", ()))
            and (kind is None or isinstance(w, kind))]


def click(root) -> str:
    find(root, "coachlab-main-action")[0].click()
    return find(root, "coachlab-result")[0].value


def learner(root, name="wang.fang"):
    find(root, "coachlab-learner-id")[0].value = name
