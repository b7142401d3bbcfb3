"""``coachlab grade``: release, collect, autograde, export and feedback for the facilitator."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from coachlab.cli_lang import cli_lang
from coachlab.i18n import LANGS, t


def _course(args: argparse.Namespace):
    from .course import Course

    return Course(Path(args.course_dir).resolve()) if args.course_dir else Course.default()


def _lang(args: argparse.Namespace) -> str:
    """Return the language of the messages: --lang, then COACHLAB_LANG, then the system locale."""
    return cli_lang(getattr(args, "lang", None))


def _slugs(args: argparse.Namespace) -> list[str]:
    from .course import list_exercises

    return list(args.slug) if args.slug else [e.slug for e in list_exercises()]


def _release(args: argparse.Namespace) -> int:
    from .release import GradingError, release

    course, lang, status = _course(args), _lang(args), 0
    cohort = _cohort(args, lang)
    if cohort is False:
        return 2
    for slug in _slugs(args):
        try:
            path = release(course, slug, args.due, exchange=args.exchange, course_id=cohort)
            print(t("grade.cli.released", lang, slug=slug, path=str(path)), flush=True)
        except (GradingError, OSError, ValueError) as exc:
            print(t("grade.cli.failed", lang, slug=slug, reason=str(exc)[-800:]), flush=True)
            status = 1
    return status


def config_course_id(course) -> str:
    """Return the course id in the course's nbgrader_config.py (``CourseDirectory.course_id``), else the default."""
    from traitlets.config.loader import PyFileConfigLoader

    from coachlab.hub.cohorts import default_course

    source = course.config_source
    try:
        config = PyFileConfigLoader(source.name, path=str(source.parent)).load_config()
        found = config.CourseDirectory.course_id if "course_id" in config.CourseDirectory else None
    except Exception:  # a config that does not load: nbgrader will say why when it runs
        found = None
    return found if isinstance(found, str) and found else default_course()


def _cohort(args: argparse.Namespace, lang: str) -> str | None | bool:
    """Return the checked ``--course`` (None when not given); False after saying why it is not a course id."""
    from coachlab.hub.cohorts import valid_course_id

    if getattr(args, "cohort", None) is None:
        return None
    try:
        return valid_course_id(args.cohort)
    except ValueError:
        print(t("grade.cli.bad_course", lang, course=args.cohort), flush=True)
        return False


def _collect_from_hub(args: argparse.Namespace) -> int:
    """File the hand-ins kept by the records service (Voila forms under JupyterHub) into the course."""
    from coachlab.records.client import RecordsClient, RecordsError
    from coachlab.records.collect import collect_from_hub

    course, lang = _course(args), _lang(args)
    cohort = _cohort(args, lang)
    if cohort is False:
        return 2
    cohort = cohort or config_course_id(course)
    client = RecordsClient.from_env()
    if client is None:
        print(t("grade.cli.hub_missing", lang), flush=True)
        return 2
    client.lang = lang
    print(t("grade.cli.hub_course", lang, course=cohort), flush=True)
    try:
        receipts = [receipt for slug in (args.slug or [None])
                    for receipt in collect_from_hub(course, client, slug, course_id=cohort)]
    except RecordsError as exc:
        print(t("grade.cli.hub_failed", lang, reason=str(exc)), flush=True)
        return 1
    for receipt in receipts:
        print(t("grade.cli.collected", lang, learner=receipt.learner_id, slug=receipt.slug,
                time=_seconds(receipt.timestamp)))
    print(t("grade.cli.hub_collected", lang, count=len(receipts)), flush=True)
    return 0


def _seconds(stamp: str) -> str:
    """Return an nbgrader timestamp (``2026-06-30 10:00:00.123456 UTC``) to the second, as people read it."""
    return f"{stamp[:19]} UTC" if stamp.endswith("UTC") and len(stamp) > 19 else stamp


def _collect(args: argparse.Namespace) -> int:
    from .release import GradingError, collect

    if args.from_hub:
        return _collect_from_hub(args)
    course, lang, status = _course(args), _lang(args), 0
    cohort = _cohort(args, lang)
    if cohort is False:
        return 2
    slugs = _slugs(args)
    if args.from_dir and not Path(args.from_dir).is_dir():
        print(t("grade.cli.from_missing", lang, path=args.from_dir), flush=True)
        return 2
    said: set[tuple[str, str]] = set()  # a file refused for every exercise is reported once
    for slug in slugs:
        try:
            found = collect(course, slug, Path(args.from_dir) if args.from_dir else None, args.exchange,
                            loose_files=len(slugs) == 1, course_id=cohort, before_duedate=args.before_duedate)
        except (GradingError, OSError) as exc:
            print(t("grade.cli.collect_failed", lang, slug=slug, reason=str(exc)[-800:]), flush=True)
            status = 1
            continue
        file_times = dict(found.file_times)
        for receipt in found.receipts:
            from_folder = receipt.student in file_times  # stamped now; the exchange keeps nbgrader's own time
            print(t("grade.cli.collected_now" if from_folder else "grade.cli.collected", lang,
                    learner=receipt.learner_id, slug=slug, time=_seconds(receipt.timestamp)))
            if from_folder:
                print("  " + t("grade.cli.file_time", lang, time=_seconds(file_times[receipt.student])))
        for skip in found.skipped:
            if (skip.file, skip.reason) not in said:
                said.add((skip.file, skip.reason))
                print(t("grade.cli.skipped", lang, reason=skip.message(lang)))
        print(t("grade.cli.submissions", lang, slug=slug, count=len(course.students(slug))), flush=True)
    return status


def _autograde(args: argparse.Namespace) -> int:
    from .autograde import autograde

    course, lang, failed = _course(args), _lang(args), 0
    for slug in _slugs(args):
        if not course.release_notebook(slug).exists():
            print(t("grade.cli.not_released", lang, slug=slug), flush=True)
            failed += 1
            continue
        outcomes = autograde(course, slug, students=args.student or None, workers=args.workers,
                             timeout=args.timeout, progress=not args.quiet)
        for o in outcomes:
            score = "-" if o.score is None else f"{o.score:g}/{o.max_score:g}"
            print(f"{slug}\t{o.student}\t{score}\t{o.status}\t{'; '.join(o.flags)}")
        failed += sum(o.status == "error" for o in outcomes)
        if args.json:
            print(json.dumps([o.to_dict() for o in outcomes], ensure_ascii=False))
    return 1 if failed else 0


def _bad_outputs(outputs: list[str], lang: str) -> bool:
    """Say which output names are neither .csv nor .xlsx (before any work is done); return whether any was."""
    bad = [out for out in outputs if Path(out).suffix.lower() not in (".csv", ".xlsx")]
    for out in bad:
        print(t("grade.cli.bad_output", lang, path=out), flush=True)
    return bool(bad)


def _export(args: argparse.Namespace) -> int:
    from .export import gradebook_frame, write_export

    course, lang = _course(args), _lang(args)
    if _bad_outputs(args.output, lang):
        return 2
    cohort = _cohort(args, lang)
    if cohort is False:
        return 2
    frame = gradebook_frame(course, args.slug or None)
    if cohort:  # the learners of one cohort (those with records in it)
        from coachlab.progress import open_store

        from .export import course_learners, in_course

        store = open_store()
        try:
            frame = in_course(frame, course_learners(store, cohort))
        finally:
            store.close()
    for out in args.output:
        path = write_export(frame, Path(out))
        print(t("grade.cli.exported", lang, rows=len(frame), path=str(path)), flush=True)
    return 0


def _roleplays(args: argparse.Namespace) -> int:
    from coachlab.progress import open_store

    from .export import roleplay_frame, write_export

    lang = _lang(args)
    cohort = _cohort(args, lang)
    if _bad_outputs(args.output, lang) or cohort is False:
        return 2
    store = open_store(Path(args.data_dir) / "progress.sqlite3" if args.data_dir else None)
    try:
        frame = roleplay_frame(store.attempts(course=cohort))
    finally:
        store.close()
    if args.scenario:
        frame = frame[frame["scenario"].isin(args.scenario)]
    for out in args.output:
        path = write_export(frame, Path(out), sheet="roleplays")
        print(t("grade.cli.exported", lang, rows=len(frame), path=str(path)), flush=True)
    return 0


def _feedback(args: argparse.Namespace) -> int:
    from .feedback import write_feedback

    course, lang = _course(args), _lang(args)
    untouched, total = [], 0
    for slug in _slugs(args):
        written = write_feedback(course, slug, lang, args.student or None)
        if written:
            print(t("grade.cli.feedback", lang, slug=slug, count=len(written), path=str(course.root / "feedback")))
        else:
            untouched.append(slug)
        total += len(written)
    if untouched:
        print(t("grade.cli.feedback_none", lang, count=len(untouched), slugs=", ".join(untouched)))
    print(t("grade.cli.feedback_total", lang, count=total, path=str(course.root / "feedback")), flush=True)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``grade`` command and its subcommands."""
    grade = subparsers.add_parser("grade", help="release, collect, autograde, export and give feedback on exercises")
    steps = grade.add_subparsers(dest="grade_command", required=True)

    def step(name: str, run, help_text: str, slugs: bool = True) -> argparse.ArgumentParser:
        parser = steps.add_parser(name, help=help_text)
        if slugs:
            parser.add_argument("slug", nargs="*", help="exercise slugs (default: all in exercises/)")
        parser.add_argument("--course-dir", default=os.environ.get("COACHLAB_GRADER"),
                            help="nbgrader course root (default: grader/)")
        parser.add_argument("--lang", choices=[*LANGS, "zh"],
                            help="language of the messages (default: $COACHLAB_LANG, else the system locale)")
        parser.set_defaults(run=run)
        return parser

    release = step("release", _release, "generate the learners' copies of the exercises")
    release.add_argument("--due", help="due date, e.g. '2026-06-30 18:00:00 Asia/Shanghai'")
    release.add_argument("--exchange", action="store_true",
                         help="also publish to nbgrader's exchange for JupyterLab learners: under JupyterHub the "
                              "records service (COACHLAB_RECORDS_URL, as in a facilitator's server), else the folder "
                              "$COACHLAB_EXCHANGE")
    release.add_argument("--course", dest="cohort", metavar="ID",
                         help="with --exchange: the cohort to publish to (default: the course id in the course's "
                              "nbgrader_config.py)")
    collect = step("collect", _collect, "gather submissions (Voila forms are already in place)")
    collect.add_argument("--from", dest="from_dir", help="folder of JupyterLab notebooks: <learner>/<nb>.ipynb (or <learner>.ipynb when "
                              "collecting one exercise)")
    collect.add_argument("--exchange", action="store_true",
                         help="also collect what JupyterLab learners submitted to nbgrader's exchange (under "
                              "JupyterHub: the records service)")
    collect.add_argument("--before-duedate", dest="before_duedate", action="store_true",
                         help="with --exchange: each learner's newest submission made by the due date (else the newest)")
    collect.add_argument("--from-hub", dest="from_hub", action="store_true",
                         help="under JupyterHub: file the Voila hand-ins kept by the records service (needs "
                              "COACHLAB_RECORDS_URL and a facilitator's JUPYTERHUB_API_TOKEN, as in the facilitator's "
                              "own server)")
    collect.add_argument("--course", dest="cohort", metavar="ID",
                         help="with --from-hub or --exchange: the cohort whose hand-ins to collect (default: the "
                              "course id in the course's nbgrader_config.py)")
    auto = step("autograde", _autograde, "grade submissions, several learners at once")
    auto.add_argument("--workers", type=int, default=None, help="parallel nbgrader workers (default: cores)")
    auto.add_argument("--timeout", type=float, default=60.0, help="seconds a notebook cell may run")
    auto.add_argument("--student", action="append", help="only this student (repeatable)")
    auto.add_argument("--quiet", action="store_true", help="no progress bar")
    auto.add_argument("--json", action="store_true", help="also print the outcomes as JSON")
    export = step("export", _export, "write the gradebook as CSV and/or XLSX")
    export.add_argument("-o", "--output", action="append", required=True, help="grades.csv or grades.xlsx")
    export.add_argument("--course", dest="cohort", metavar="ID",
                        help="only the learners of this cohort (those with records in it; default: everyone)")
    roleplays = step("roleplays", _roleplays, "write every role-play attempt from the learner records as CSV/XLSX",
                     slugs=False)
    roleplays.add_argument("-o", "--output", action="append", required=True, help="attempts.csv or attempts.xlsx")
    roleplays.add_argument("--scenario", action="append", help="only this scenario (repeatable)")
    roleplays.add_argument("--course", dest="cohort", metavar="ID", help="only this cohort's attempts (default: all)")
    roleplays.add_argument("--data-dir", default=None,
                           help="folder holding progress.sqlite3 (default: $COACHLAB_DATA, as the server uses)")
    feedback = step("feedback", _feedback, "write per-learner HTML feedback pages")
    feedback.add_argument("--student", action="append", help="only this student (repeatable)")
