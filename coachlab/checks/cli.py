"""`coachlab check KIND "TEXT"` and `coachlab check KIND --input FILE.jsonl|.csv`: reports as JSON lines.

`coachlab check export-disputes -o FILE.yaml|FOLDER` writes the verdicts a facilitator overturned as
labelled corpus items (tests/corpus/README.md), ready to join tests/corpus/train/.

Bad input lines are reported on stderr with their line number; every good line is still answered and
the exit status is 2 when any line was bad. An unknown kind or a missing file is one line on stderr.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from pathlib import Path
from typing import Any, Iterator

KINDS = ("feedback", "goal", "question", "star", "listening")  # kept in step with coachlab.checks.KINDS
LANG_CHOICES = ("auto", "en", "zh", "zh-CN")
EXIT_BAD_INPUT = 2


class BadLine(ValueError):
    """An input line that cannot be checked, with the reason."""


def register(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``check`` subcommand to ``coachlab``'s subparsers."""
    parser = subparsers.add_parser(
        "check", help="check feedback, a goal, a question, a STAR answer or a listening reply",
        description="Check one text, or every line of a .jsonl/.csv file (fields: text, id, lang, context); "
                    "print one JSON report per text.")
    parser.add_argument("kind", help=f"one of: {', '.join(KINDS)}; or export-disputes")
    parser.add_argument("text", nargs="?", help="the text to check (omit with --input)")
    parser.add_argument("--input", metavar="FILE", help=".jsonl or .csv file with a text column")
    parser.add_argument("--lang", default="auto", help="zh, en or auto (default: detect per text)")
    parser.add_argument("--context", help="for listening: the agent's line being answered")
    parser.add_argument("-o", "--output", metavar="FILE.yaml|FOLDER",
                        help="export-disputes: where to write the overturned disputes as corpus items; a folder gets "
                             "one KIND.LANG.yaml per group, a file named KIND.LANG.yaml takes that group; items are "
                             "added after what an existing file holds (its lines are kept)")
    parser.add_argument("--data", metavar="FILE", help="export-disputes: the learner records (default: COACHLAB_DATA)")
    parser.set_defaults(run=main)
    return parser


def _fail(message: str) -> int:
    print(f"coachlab check: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _utf8_stdout() -> None:
    # Chinese reports must not die on a terminal or pipe that defaults to ASCII.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def _record(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise BadLine("expected a JSON object with a \"text\" field")
    text = raw.get("text")
    if not isinstance(text, str):
        raise BadLine("missing \"text\" (a string)")
    for key in ("lang", "context"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise BadLine(f"\"{key}\" must be a string")
    return raw


def _jsonl(data: bytes) -> Iterator[tuple[int, dict[str, Any] | BadLine]]:
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue  # a blank line (often the last one) is not a record
        try:
            yield number, _record(json.loads(line.decode("utf-8")))
        except UnicodeDecodeError:
            yield number, BadLine("not valid UTF-8")
        except json.JSONDecodeError as exc:
            yield number, BadLine(f"not valid JSON ({exc.msg})")
        except BadLine as exc:
            yield number, exc


def _csv(data: bytes) -> Iterator[tuple[int, dict[str, Any] | BadLine]]:
    text = data.decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield 1, BadLine("the header must have a \"text\" column")
        return
    start = reader.line_num
    for row in reader:
        number, start = start + 1, reader.line_num
        if "\ufffd" in "".join(v for v in row.values() if isinstance(v, str)):
            yield number, BadLine("not valid UTF-8")
        elif None in row or row.get("text") is None:
            yield number, BadLine("wrong number of columns")
        else:
            yield number, {k: (v if v != "" or k == "text" else None) for k, v in row.items()}


def _check(kind: str, text: str, lang: str | None, context: str | None) -> dict[str, Any]:
    from coachlab.checks import run  # imported on use: `coachlab --help` stays instant

    return run(kind, text, lang=lang or "auto", context=context).to_dict()


EXPORT = "export-disputes"


def _message_lang(value: str | None) -> str:
    from coachlab.cli_lang import cli_lang

    return cli_lang(value if value != "auto" else None)  # --lang, COACHLAB_LANG, the system locale


def export_disputes(output: str, lang: str, data: str | None = None) -> int:
    """Write overturned disputes from the learner records as corpus items; return the exit status."""
    import yaml

    from coachlab.i18n import t
    from coachlab.progress import open_store
    from coachlab.progress.disputes import corpus_groups

    from coachlab.paths import data_dir
    from coachlab.progress.store import DB_NAME

    records = Path(data) if data else data_dir() / DB_NAME
    groups = {}
    if records.exists():  # no learner records yet: nothing overturned (and no empty file left behind)
        store = open_store(records)
        try:
            groups = corpus_groups(store.disputes(status="overturned"))
        finally:
            store.close()
    out = Path(output)
    folder = out.is_dir() or output.endswith(("/", "\\")) or not out.suffix
    if not folder and out.suffix.lower() not in (".yaml", ".yml"):
        print(t("export_disputes.bad_output", lang, path=out), file=sys.stderr)
        return EXIT_BAD_INPUT
    if not folder:
        named = tuple(out.name.rsplit(".", 1)[0].split(".", 1))  # feedback.zh-CN.yaml -> (feedback, zh-CN)
        if named in groups or (len(named) == 2 and named[0] in KINDS):
            groups = {named: groups[named]} if named in groups else {}
        elif len(groups) > 1:
            mixed = ", ".join(f"{kind}.{text_lang}" for kind, text_lang in sorted(groups))
            print(t("export_disputes.mixed", lang, groups=mixed), file=sys.stderr)
            return EXIT_BAD_INPUT
    if not groups:
        print(t("export_disputes.none", lang))
        return 0
    for (kind, text_lang), pairs in sorted(groups.items()):
        path = out / f"{kind}.{text_lang}.yaml" if folder else out
        chunks = []
        for dispute, item in pairs:
            when = time.strftime("%Y-%m-%d", time.gmtime(dispute.resolved_at or 0))
            chunks.append(f"# dispute {dispute.id}, overturned {when}\n"
                          + yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=10_000,
                                           default_flow_style=None))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            before = path.read_text("utf-8") if path.exists() else ""
            if before and not before.endswith("\n"):
                before += "\n"
            path.write_text(before + "".join(chunks), encoding="utf-8")
        except OSError as exc:
            print(t("export_disputes.cannot_write", lang, path=path, error=exc.strerror or exc), file=sys.stderr)
            return EXIT_BAD_INPUT
        print(t("export_disputes.written", lang, count=len(pairs), path=path))
    return 0


def main(args: argparse.Namespace) -> int:
    """Run ``coachlab check``; return the exit status."""
    _utf8_stdout()
    if args.kind == EXPORT:
        lang = _message_lang(args.lang)
        if not args.output:
            from coachlab.i18n import t

            print(t("export_disputes.bad_output", lang, path="-o ?"), file=sys.stderr)
            return EXIT_BAD_INPUT
        return export_disputes(args.output, lang, args.data)
    if args.kind not in KINDS:
        return _fail(f"unknown kind {args.kind!r}; choose one of {', '.join(KINDS)}")
    if args.lang not in LANG_CHOICES:
        return _fail(f"unknown language {args.lang!r}; use zh, en or auto")
    if args.input and args.text is not None:
        return _fail("give either TEXT or --input FILE, not both")
    if not args.input:
        if args.text is None:
            return _fail("give the TEXT to check, or --input FILE")
        print(json.dumps(_check(args.kind, args.text, args.lang, args.context), ensure_ascii=False))
        return 0
    path = Path(args.input)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return _fail(f"no such file: {path}")
    except (IsADirectoryError, PermissionError, OSError) as exc:
        return _fail(f"cannot read {path}: {exc.strerror or exc}")
    reader = _csv if path.suffix.lower() == ".csv" else _jsonl
    bad = 0
    out = sys.stdout
    for number, record in reader(data):
        if isinstance(record, BadLine):
            bad += 1
            print(f"{path}:{number}: {record}", file=sys.stderr)
            continue
        lang = record.get("lang") or args.lang
        if lang not in LANG_CHOICES:
            bad += 1
            print(f"{path}:{number}: unknown language {lang!r}; use zh, en or auto", file=sys.stderr)
            continue
        report = _check(args.kind, record["text"], lang, record.get("context") or args.context)
        if record.get("id") is not None:
            report = {"id": record["id"], **report}
        out.write(json.dumps(report, ensure_ascii=False) + "\n")
    out.flush()
    return EXIT_BAD_INPUT if bad else 0
