"""Rules as data: load each kind's YAML rules and run them through a few generic matcher types.

Matcher types (the ``match`` field of a rule):

- ``regex``: any of ``patterns`` (Python regular expressions, case-insensitive); with
  ``per_sentence: true`` each sentence is searched alone, so ``^`` and ``$`` anchor to sentences.
- ``lexicon``: any of ``terms``, matched as whole words in English; in Chinese as substrings, or on
  jieba word boundaries when ``tokens: true``.
- ``cooccur``: every group in ``groups`` (each a list of regexes) matches inside one sentence.
- ``sequence``: the groups match in this order across the whole text (the sandwich: praise, but, praise).
- ``clause``: a cue from ``patterns`` is followed, in the same sentence, by at least ``min_content`` words
  (English) or characters (Chinese) that are not in ``ignore`` (so "next time, do better" is not enough).
- ``quantity``: a number whose unit is in ``units`` (percent, duration, count, plain), optionally only
  inside sentences matching ``within`` and never inside a deadline.
- ``deadline``: a deadline or bounded time frame (see coachlab/text/lexicons/deadlines.yaml).

``extend: clause`` widens each hit to the end of its clause, so evidence shows the whole phrase.
Every rule may carry ``unless``: regexes that, when they match in the same sentence, cancel the hit.
Patterns may name a shared word list with ``<<name>>``; the lists live in coachlab/text/lexicons/<lang>.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any, Callable, Mapping

from coachlab.packaged import load_yaml
from coachlab.text import (Quantity, Span, SpanSet, find_deadlines, find_quantities, has_cjk, segment,
                           split_sentences)
from coachlab.text.lang import CJK

LANGS = ("en", "zh-CN")
ROLES = ("element", "pitfall", "signal")
MATCHERS = ("regex", "lexicon", "cooccur", "sequence", "clause", "quantity", "deadline")
_REF = re.compile(r"<<(\w+)>>")
_EN_WORD = re.compile(r"[A-Za-z0-9']+")


class RuleError(ValueError):
    """A rule file that cannot be used, with the rule id and what is wrong."""


@dataclass
class Doc:
    """One input text prepared once for all rules: sentences, numbers, deadlines, words."""

    text: str
    lang: str
    context: str | None = None

    @cached_property
    def sentences(self) -> list[Span]:
        """Return the sentences of the text."""
        return split_sentences(self.text)

    @cached_property
    def quantities(self) -> list[Quantity]:
        """Return the numbers of the text."""
        return find_quantities(self.text)

    @cached_property
    def deadlines(self) -> list[Span]:
        """Return the deadlines of the text."""
        return find_deadlines(self.text, self.lang)

    @cached_property
    def words(self) -> list[Span]:
        """Return words: jieba words when the text holds Chinese, else English words."""
        if has_cjk(self.text):
            return [w for w in segment(self.text) if w.text.strip()]
        return [Span(m.start(), m.end(), m.group(0)) for m in _EN_WORD.finditer(self.text)]

    @cached_property
    def boundaries(self) -> frozenset[int]:
        """Return every offset where a jieba word starts or ends."""
        return frozenset(p for w in self.words for p in (w.start, w.end))

    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [s.end for s in self.sentences]

    @cached_property
    def deadline_set(self) -> SpanSet:
        """Return the deadlines indexed for overlap tests."""
        return SpanSet(self.deadlines)

    def sentence_of(self, pos: int) -> Span:
        """Return the sentence holding offset ``pos``; a blank between sentences belongs to the next one."""
        i = bisect_right(self._sentence_ends, pos)
        if i < len(self.sentences):
            return self.sentences[i]
        return Span(0, len(self.text), self.text)


@lru_cache(maxsize=None)
def lexicons(lang: str) -> Mapping[str, tuple[str, ...]]:
    """Return the shared named word lists of one language."""
    text = resources.files("coachlab.text").joinpath(f"lexicons/{lang}.yaml").read_text("utf-8")
    data = load_yaml(text) or {}
    return {name: tuple(str(t) for t in terms) for name, terms in data.items()}


def _expand(pattern: str, lang: str, rule_id: str) -> str:
    def sub(m: re.Match[str]) -> str:
        terms = lexicons(lang).get(m.group(1))
        if terms is None:
            raise RuleError(f"{rule_id}: unknown word list <<{m.group(1)}>> for {lang}")
        return _union(terms, lang)
    return _REF.sub(sub, pattern)


def _union(terms: Any, lang: str) -> str:
    """Return one regex for a word list: its terms as a trie, spaces as ``\\s+``, English words whole (``\\b``).

    It matches what the alternation of the terms, longest first, matches (the same longest term at each place:
    at each letter of the trie one branch at most goes on, and a term that ends there is tried last), but
    the regex engine follows one branch per letter instead of trying every term at every position of the
    text: word lists of a hundred terms were most of the time a check spends on a long text.
    """
    words = [str(t) for t in terms if str(t).split()]
    if lang != "en":
        return f"(?:{_trie(words)})"
    whole = _trie([t for t in words if not CJK.search(t)])
    mixed = _trie([t for t in words if CJK.search(t)])
    return "(?:" + "|".join(x for x in (whole and rf"\b{whole}\b", mixed) if x) + ")"


def _trie(terms: list[str]) -> str:
    root: dict[str, dict] = {}
    for term in terms:
        node = root
        for ch in " ".join(term.lower().split()):
            node = node.setdefault(ch, {})
        node[""] = {}  # a term ends here
    return _branches(root) if root else ""


def _branches(node: dict[str, dict]) -> str:
    alts = [(r"\s+" if ch == " " else re.escape(ch)) + _branches(sub) for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def _compile(patterns: Any, lang: str, rule_id: str) -> tuple[re.Pattern[str], ...]:
    if isinstance(patterns, str):
        patterns = [patterns]
    out = []
    for p in patterns or ():
        try:
            out.append(re.compile(_expand(str(p), lang, rule_id), re.IGNORECASE))
        except re.error as exc:
            raise RuleError(f"{rule_id}: bad pattern {p!r}: {exc}") from None
    return tuple(out)


def _combined(patterns: Any, lang: str, rule_id: str) -> tuple[re.Pattern[str], ...]:
    """Return the patterns as one alternation, so long texts are scanned once per rule, not once per row.

    The alternation is compiled alone (each row is compiled on its own only to name a bad one): compiling
    every rule twice was a fifth of `coachlab check`'s start-up.
    """
    if isinstance(patterns, str):
        patterns = [patterns]
    if len(patterns or ()) < 2:
        return _compile(patterns, lang, rule_id)
    rows = [_expand(str(p), lang, rule_id) for p in patterns]
    try:
        return (re.compile("|".join(f"(?:{row})" for row in rows), re.IGNORECASE),)
    except re.error:
        _compile(patterns, lang, rule_id)  # raises the RuleError that names the bad row
        raise


@dataclass(frozen=True)
class Rule:
    """One rule: what it finds (target), in which language, how, why, and its own examples."""

    id: str
    kind: str
    target: str
    role: str
    lang: str
    match: str
    why: Mapping[str, str]
    should_pass: tuple[str, ...]
    should_fail: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...] = ()
    groups: tuple[tuple[re.Pattern[str], ...], ...] = ()
    unless: tuple[re.Pattern[str], ...] = ()
    ignore: re.Pattern[str] | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    def find(self, doc: Doc) -> list[Span]:
        """Return the spans of ``doc`` where this rule fires."""
        hits = _MATCHERS[self.match](self, doc)
        if self.unless:
            hits = [h for h in hits if not self._cancelled(h, doc)]
        if self.options.get("extend") == "clause":
            # Evidence reads better as the whole clause ("so the customer didn't have to call back").
            hits = [_to_clause_end(h, doc) for h in hits]
        return hits

    def _cancelled(self, hit: Span, doc: Doc) -> bool:
        sentence = doc.sentence_of(hit.start)
        return any(p.search(sentence.text) for p in self.unless)


# A clause ends at punctuation, but not at the colon of a clock time, the point of a decimal or the comma of a
# thousand ("logged in at 8:15", "4.5 minutes", "1,200 calls"): there a digit stands on both sides.
_CLAUSE_END = re.compile(r"[;，。；：!?！？\n]|(?<!\d)[,.:]|[,.:](?!\d)")


def _to_clause_end(hit: Span, doc: Doc) -> Span:
    sentence = doc.sentence_of(hit.start)
    m = _CLAUSE_END.search(doc.text, hit.end, sentence.end)
    end = m.start() if m else sentence.end
    return Span(hit.start, max(end, hit.end), doc.text[hit.start:max(end, hit.end)])


def _spans(pattern: re.Pattern[str], text: str, offset: int = 0) -> list[Span]:
    return [Span(m.start() + offset, m.end() + offset, m.group(0)) for m in pattern.finditer(text) if m.group(0)]


def _match_regex(rule: Rule, doc: Doc) -> list[Span]:
    if rule.options.get("per_sentence"):
        # ^ and $ then mean the start and end of each sentence ("Did you…?" opens a closed question).
        hits = [s for sentence in doc.sentences for p in rule.patterns for s in _spans(p, sentence.text, sentence.start)]
    else:
        hits = [s for p in rule.patterns for s in _spans(p, doc.text)]
    if hits and rule.options.get("tokens") and has_cjk(doc.text):
        # Chinese words must start and end on jieba boundaries: 不错 is praise, 不错过 is not.
        bounds = doc.boundaries
        hits = [h for h in hits if h.start in bounds and h.end in bounds]
    return hits


def _match_cooccur(rule: Rule, doc: Doc) -> list[Span]:
    hits = []
    for sentence in doc.sentences:
        found = []
        for group in rule.groups:
            spans = [s for p in group for s in _spans(p, sentence.text, sentence.start)]
            if not spans:
                break
            found.append(min(spans, key=lambda s: s.start))
        else:
            start, end = min(s.start for s in found), max(s.end for s in found)
            hits.append(Span(start, end, doc.text[start:end]))
    return hits


def _match_sequence(rule: Rule, doc: Doc) -> list[Span]:
    pos, first = 0, None
    for group in rule.groups:
        spans = [s for p in group for s in _spans(p, doc.text) if s.start >= pos]
        if not spans:
            return []
        nxt = min(spans, key=lambda s: s.start)
        first = nxt.start if first is None else first
        pos = nxt.end
    return [Span(first or 0, pos, doc.text[first or 0:pos])]


def _content_units(text: str) -> int:
    return len(CJK.findall(text)) + len(_EN_WORD.findall(text))


def _match_clause(rule: Rule, doc: Doc) -> list[Span]:
    hits = []
    need = int(rule.options.get("min_content", 3))
    for cue in (s for p in rule.patterns for s in _spans(p, doc.text)):
        sentence = doc.sentence_of(cue.start)
        rest = doc.text[cue.end:sentence.end]
        if rule.ignore is not None:
            rest = rule.ignore.sub(" ", rest)
        if _content_units(rest) >= need:
            hits.append(Span(cue.start, sentence.end, doc.text[cue.start:sentence.end]))
    return hits


def _match_quantity(rule: Rule, doc: Doc) -> list[Span]:
    units = set(rule.options.get("units", ("percent", "count", "duration", "plain")))
    hits = []
    for q in doc.quantities:
        if q.unit not in units or doc.deadline_set.overlaps(q.span):
            continue
        if rule.patterns:
            sentence = doc.sentence_of(q.span.start)
            if not any(p.search(sentence.text) for p in rule.patterns):
                continue
        hits.append(q.span)
    return hits


def _match_deadline(rule: Rule, doc: Doc) -> list[Span]:
    return list(doc.deadlines)


_MATCHERS: dict[str, Callable[[Rule, Doc], list[Span]]] = {
    "regex": _match_regex, "lexicon": _match_regex, "cooccur": _match_cooccur, "sequence": _match_sequence,
    "clause": _match_clause, "quantity": _match_quantity, "deadline": _match_deadline,
}


def _rule_from(raw: Mapping[str, Any], kind: str, path: str) -> Rule:
    rule_id = str(raw.get("id") or "")
    if not rule_id:
        raise RuleError(f"{path}: a rule has no id")
    for key in ("target", "role", "lang", "match", "why"):
        if key not in raw:
            raise RuleError(f"{rule_id}: missing {key!r}")
    lang, match, role = raw["lang"], raw["match"], raw["role"]
    if lang not in LANGS:
        raise RuleError(f"{rule_id}: lang must be one of {LANGS}, not {lang!r}")
    if match not in MATCHERS:
        raise RuleError(f"{rule_id}: match must be one of {MATCHERS}, not {match!r}")
    if role not in ROLES:
        raise RuleError(f"{rule_id}: role must be one of {ROLES}, not {role!r}")
    why = raw["why"]
    if not isinstance(why, Mapping) or any(not str(why.get(code) or "").strip() for code in LANGS):
        raise RuleError(f"{rule_id}: why needs a one-line reason in en and zh-CN")
    patterns = raw.get("patterns", ())
    if match == "lexicon":
        patterns = [_union(raw.get("terms", ()), lang)]
    ignore = raw.get("ignore")
    return Rule(
        id=rule_id, kind=kind, target=str(raw["target"]), role=role, lang=lang, match=match,
        why={code: str(why[code]).strip() for code in LANGS},
        should_pass=tuple(str(x) for x in raw.get("should_pass") or ()),
        should_fail=tuple(str(x) for x in raw.get("should_fail") or ()),
        patterns=_combined(patterns, lang, rule_id),
        groups=tuple(_combined(g, lang, rule_id) for g in raw.get("groups") or ()),
        unless=_compile(raw.get("unless"), lang, rule_id),
        ignore=_combined(ignore, lang, rule_id)[0] if ignore else None,
        options={k: v for k, v in raw.items() if k in ("tokens", "min_content", "units", "per_sentence", "extend",
                                                       "piece")},
    )


@dataclass(frozen=True)
class RuleBook:
    """All rules and learner-facing messages of one kind of check."""

    kind: str
    elements: tuple[str, ...]
    rules: tuple[Rule, ...]
    messages: Mapping[str, Mapping[str, str]]
    settings: Mapping[str, Any] = field(default_factory=dict)

    def for_lang(self, lang: str) -> tuple[Rule, ...]:
        """Return the rules that read text in ``lang``."""
        return tuple(r for r in self.rules if r.lang == lang)

    def message(self, key: str, lang: str, **params: object) -> str:
        """Return a learner-facing message of this kind in ``lang``."""
        text = self.messages[key][lang]
        return text.format(**params) if params else text


@lru_cache(maxsize=None)
def rulebook(kind: str) -> RuleBook:
    """Load and validate ``rules/<kind>.yaml`` once."""
    path = f"rules/{kind}.yaml"
    data = load_yaml(resources.files(__package__).joinpath(path).read_text("utf-8"))
    rules = tuple(_rule_from(raw, kind, path) for raw in data.get("rules") or ())
    ids = [r.id for r in rules]
    if len(ids) != len(set(ids)):
        raise RuleError(f"{path}: duplicate rule ids")
    messages = {str(k): {code: str(v[code]) for code in LANGS} for k, v in (data.get("messages") or {}).items()}
    settings = {k: v for k, v in data.items() if k not in ("kind", "elements", "rules", "messages")}
    return RuleBook(kind=kind, elements=tuple(data.get("elements") or ()), rules=rules, messages=messages,
                    settings=settings)


@lru_cache(maxsize=None)
def piece_rules(kind: str, target: str, lang: str | None = None) -> tuple[Rule, ...]:
    """Return the rules of ``kind`` whose target is ``target`` (in ``lang``, or in every language when None): the word
    lists a check's own mechanism reads on a piece of the text (``piece: true``, or rules whose whole-answer hits the
    check drops, as star's ``rates``). One reader for every check (feedback, goal, listening, star, tone)."""
    return tuple(r for r in rulebook(kind).rules if r.target == target and lang in (None, r.lang))


def find_all(book: RuleBook, doc: Doc) -> dict[str, list[tuple[Rule, Span]]]:
    """Run every rule of ``doc``'s language; return hits grouped by target."""
    hits: dict[str, list[tuple[Rule, Span]]] = {}
    for rule in book.for_lang(doc.lang):
        if rule.options.get("piece"):
            continue  # a lexicon a check's mechanism reads on a piece of the text, never on the whole answer
        for span in rule.find(doc):
            hits.setdefault(rule.target, []).append((rule, span))
    # Mixed text: a Chinese clause inside an English answer (or the reverse) is read by its own rules.
    other = "en" if doc.lang == "zh-CN" else "zh-CN"
    if (other == "zh-CN" and has_cjk(doc.text)) or (other == "en" and re.search(r"[A-Za-z]{3}", doc.text)):
        other_doc = Doc(doc.text, other, doc.context)
        other_doc.__dict__["sentences"] = doc.sentences
        for rule in book.for_lang(other):
            if rule.match in ("quantity", "deadline") or rule.options.get("piece"):
                continue
            for span in rule.find(other_doc):
                hits.setdefault(rule.target, []).append((rule, span))
    return hits
