"""The ``coachlab`` command: version, doctor, serve (and, as the course grows, check, scenario, grade)."""

from __future__ import annotations

import argparse
import sys

from coachlab import __version__
from coachlab.cli_lang import cli_lang
from coachlab.i18n import LANGS, t


def _lang(value: str | None) -> str:
    """Return the language of the messages: --lang, then COACHLAB_LANG, then the system locale."""
    return cli_lang(value)


def _doctor(args: argparse.Namespace) -> int:
    from coachlab.doctor import report, run_checks

    lang = _lang(args.lang)
    findings = run_checks(lang)
    print(report(findings, lang))
    return 1 if any(f.status == "fail" for f in findings) else 0


def port_in_use(ip: str, port: int) -> bool:
    """Return True when something already listens on ``ip``:``port`` (so the course would not be reachable there)."""
    import errno
    import socket

    with socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((ip, port))
        except OSError as error:
            return error.errno == errno.EADDRINUSE
    return False


def _serve(args: argparse.Namespace) -> int:
    lang = _lang(args.lang)
    if port_in_use(args.ip, args.port):  # Voila would quietly move to another port and the README's address break
        print(t("serve.port_busy", lang, port=args.port, url=f"http://{args.ip}:{args.port}/", next=args.port + 1),
              file=sys.stderr)
        return 2
    from coachlab.kernels.serving import warm_template

    warm_template()  # the page kernels' template imports the course while the server imports Voila
    from coachlab.paths import course_root
    from coachlab.serve import serve

    print(t("serve.starting", lang, url=f"http://{args.ip}:{args.port}/?lang={'zh' if lang == 'zh-CN' else 'en'}"),
          flush=True)
    serve(course_root(), port=args.port, ip=args.ip, pool=not args.no_pool, open_browser=args.open,
          cell_timeout_s=args.cell_timeout)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every subcommand."""
    parser = argparse.ArgumentParser(prog="coachlab", description=__doc__)
    parser.add_argument("--version", action="version", version=f"coachlab {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    doctor = sub.add_parser("doctor", help="check this machine and say how to fix what is missing")
    doctor.add_argument("--lang", choices=[*LANGS, "zh"],
                        help="language of the report (default: $COACHLAB_LANG, else the system locale)")
    doctor.set_defaults(run=_doctor)

    serve = sub.add_parser("serve", help="serve the course with Voila")
    serve.add_argument("--port", type=int, default=8866)
    serve.add_argument("--ip", default="127.0.0.1")
    serve.add_argument("--no-pool", action="store_true", help="do not preheat kernels")
    serve.add_argument("--open", action="store_true", help="open a browser tab")
    serve.add_argument("--cell-timeout", type=int, default=60, metavar="SECONDS",
                       help="time limit for each cell of a page after the request arrives")
    serve.add_argument("--lang", choices=[*LANGS, "zh"], help="language of the start-up message")
    serve.set_defaults(run=_serve)
    from coachlab.scenarios.cli import register as register_scenario
    register_scenario(sub)
    from coachlab.checks.cli import register as register_check
    register_check(sub)
    from coachlab.grading.cli import register as register_grade
    register_grade(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    from coachlab.logfilters import install as quiet_known_warnings

    quiet_known_warnings()  # the server's and nbgrader's known harmless warnings, by their exact wording
    return int(args.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
