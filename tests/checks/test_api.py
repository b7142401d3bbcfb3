"""The public contract of coachlab.checks and the facts the lessons rely on."""

from __future__ import annotations

import json
import re

import pytest

from coachlab.checks import KINDS, run
from coachlab.text import detect_lang, find_deadlines, find_quantities, zh_to_number

CJK = re.compile(r"[\u4e00-\u9fff]")
COMMON = {"lang", "score", "evidence", "pitfalls", "suggestions", "empty", "confidence", "unsure", "questions", "answers",
          "features"}
CONTRACT = {
    "feedback": {"elements", "model", "flags", "thanks"},
    "goal": {"criteria", "metric", "baseline", "target", "deadline"},
    "question": {"form", "leading", "grow_stage", "advice", "asks"},
    "star": {"elements", "quantified_result", "first_person_ratio"},
    "listening": {"elements"},
}
SAMPLES = {
    "feedback": ("On this morning's 10:20 call you confirmed the address first, so the parcel went out "
                 "the same day. Thank you.", "今天上午十点那通电话，你先核对了地址，所以包裹当天就发出去了。谢谢你。"),
    "goal": ("Raise FCR from 64% to 70% by the end of Q3.", "三季度末之前把首次解决率从64%提升到70%。"),
    "question": ("What have you tried so far?", "到目前为止你都试过哪些办法？"),
    "star": ("Last year our backlog was 900 emails. I was asked to clear it. I wrote five templates. "
             "In three weeks it was down to 40.", "去年积压了900封邮件。我的任务是清掉积压。我写了五个模板。三周后降到了40封。"),
    "listening": ("So you've had three abusive calls. That sounds exhausting. What would help most?",
                  "也就是说你接了三个骂人的电话。听起来很累。现在最能帮到你的是什么？"),
}


def test_kinds_are_the_published_tuple() -> None:
    """Other parts of coachlab import KINDS; its value is part of the API."""
    assert KINDS == ("feedback", "goal", "question", "star", "listening")


def test_unknown_kind_raises_value_error() -> None:
    """An unknown kind is a ValueError that names the kinds."""
    with pytest.raises(ValueError, match="feedback"):
        run("poem", "hello")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("index,lang", [(0, "en"), (1, "zh-CN")])
def test_report_contract(kind: str, index: int, lang: str) -> None:
    """Each report has exactly its contract fields plus the common ones, JSON-serialisable, in the input's language."""
    text = SAMPLES[kind][index]
    report = run(kind, text).to_dict()
    assert set(report) == CONTRACT[kind] | COMMON
    json.dumps(report)
    assert report["lang"] == lang and report["empty"] is False
    assert 0 <= report["score"] <= 100
    for ev in report["evidence"]:
        assert text[ev["start"]:ev["end"]] == ev["text"] and ev["text"]
        assert set(ev) == {"element", "start", "end", "text"}
    assert report["suggestions"]
    for suggestion in report["suggestions"]:
        assert bool(CJK.search(suggestion)) == (lang == "zh-CN"), suggestion


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("text", ["", "   \n\t ", "\u200b"])
def test_empty_text_gives_an_empty_report(kind: str, text: str) -> None:
    """Nothing written is a report saying so, never an exception."""
    report = run(kind, text, lang="zh").to_dict()
    assert report["empty"] is True and report["score"] == 0 and report["evidence"] == []
    assert report["suggestions"] and CJK.search(report["suggestions"][0])


def test_bia_statement() -> None:
    """A behaviour on a named call, its impact and a thank-you make BIA with no flags."""
    r = run("feedback", SAMPLES["feedback"][0]).to_dict()
    assert r["elements"] == {"behavior": True, "impact": True, "appreciation": True, "development": False}
    assert r["model"] == "BIA" and r["flags"] == [] and r["score"] == 100


def test_bid_statement_in_chinese() -> None:
    """A behaviour, its impact and a concrete next step make BID."""
    r = run("feedback", "昨天下午那通电话你打断了客户三次，她最后要求找主管。下次请先让客户说完，再用一句话复述她的问题。").to_dict()
    assert r["elements"]["behavior"] and r["elements"]["impact"] and r["elements"]["development"]
    assert r["model"] == "BID"


@pytest.mark.parametrize("text", ["下次注意一下。", "加油！", "Next time, do better.", "Please be more careful."])
def test_vague_development_is_not_development(text: str) -> None:
    """"注意一下", "加油" and "do better" are not a development step."""
    assert run("feedback", text).to_dict()["elements"]["development"] is False


@pytest.mark.parametrize(("text", "flag"), [
    ("你总是不跟客户说明原因。", "absolute"), ("你从来不按话术走。", "absolute"), ("You never follow the script.", "absolute"),
    ("你就是懒。", "label"), ("You're so careless.", "label"), ("大家都觉得你不上心。", "speaking_for_others"),
    ("你是故意的。", "motive"), ("做得不错！", "vague_praise"), ("Great job!", "vague_praise"),
    ("再这样就扣你绩效。", "threat"), ("Why did you hang up on her?", "question_form"),
])
def test_feedback_flags(text: str, flag: str) -> None:
    """The pitfalls the lesson names are flagged, with evidence and a reason."""
    r = run("feedback", text).to_dict()
    assert flag in r["flags"]
    assert any(p["id"] == flag and p["why"] for p in r["pitfalls"])


def test_goal_fields() -> None:
    """A SMART goal reports its metric, baseline, target and deadline."""
    r = run("goal", "Raise FCR from 64% to 70% by the end of Q3.").to_dict()
    assert all(r["criteria"][c] for c in ("specific", "measurable", "relevant", "time_bound"))
    assert r["criteria"]["achievable"] is True
    assert (r["metric"], r["baseline"], r["target"], r["deadline"]) == ("FCR", "64%", "70%", "by the end of Q3")


def test_goal_without_baseline_leaves_achievable_null_and_unrealistic_jump_is_false() -> None:
    """Achievable is judged only with a baseline; a jump to perfection is not achievable."""
    assert run("goal", "Reach 85% CSAT by June.").to_dict()["criteria"]["achievable"] is None
    r = run("goal", "把质检分从82分提到100分，下周五前完成。").to_dict()
    assert r["criteria"]["achievable"] is False and any(p["id"] == "unrealistic" for p in r["pitfalls"])


@pytest.mark.parametrize(("text", "time_bound"), [
    ("Listen to 5 calls per agent weekly.", False), ("Answer 80% of calls within 20 seconds.", False),
    ("Within 4 weeks, run 3 coaching sessions.", True), ("每周听5通录音。", False),
    ("下个月15号之前完成3场复训。", True), ("三月底前投诉降两成。", True),
])
def test_frequency_and_service_level_are_not_deadlines(text: str, time_bound: bool) -> None:
    """"Weekly" and "within 20 seconds" are not deadlines; "within 4 weeks" and 三月底前 are."""
    assert run("goal", text).to_dict()["criteria"]["time_bound"] is time_bound


@pytest.mark.parametrize(("text", "form", "leading", "advice", "stage"), [
    ("What have you tried so far?", "open", False, False, "reality"),
    ("Do you know what happened?", "closed", False, False, "reality"),
    ("Don't you think you should call him back?", "closed", True, True, None),
    ("Why don't you just use the template?", "open", True, True, "options"),
    # a suggestion stated outright is advice, and no leading question (tests/corpus/README.md, session 5)
    ("You should call him back.", "statement", True, True, None),   # a fix told leads (conventions 13)
    ("So you've tried the template already.", "statement", False, False, None),
    ("那就把日报给小李呗。", "statement", True, True, None),   # a fix told leads (conventions 13)
    ("你不觉得应该先核实身份吗？", "closed", True, True, None),
    ("说说那通电话的情况。", "open", False, False, "reality"),
    ("你打算什么时候开始？", "open", False, False, "will"),
    ("你有什么想法吗？", "closed", False, False, "options"),
])
def test_question_classification(text, form, leading, advice, stage) -> None:
    """Open, closed, statement; leading and advice in disguise; GROW stage."""
    r = run("question", text).to_dict()
    assert (r["form"], r["leading"], r["advice"]) == (form, leading, advice)
    if stage is not None:
        assert r["grow_stage"] == stage


def test_star_first_person_ratio_and_quantified_result() -> None:
    """"We" lowers the ratio; a result without a number is not quantified."""
    we = run("star", "We had a hard quarter. We worked together and we got through it.").to_dict()
    assert we["first_person_ratio"] == 0.0 and we["elements"]["action"] is False
    assert any(p["id"] == "we_not_i" for p in we["pitfalls"])
    plain = run("star", "Last year I rewrote the script. After that, complaints fell a lot.").to_dict()
    assert plain["elements"]["result"] and plain["quantified_result"] is False
    counted = run("star", "Last year I rewrote the script. After that, complaints fell from 40 to 12.").to_dict()
    assert counted["quantified_result"] is True and counted["first_person_ratio"] == 1.0


def test_listening_context_counts_as_restated_fact() -> None:
    """Restating the agent's own words counts as the fact, even without a cue phrase."""
    context = "The tech desk took three hours to answer my ticket."
    r = run("listening", "Three hours for the tech desk to answer.", context=context).to_dict()
    assert r["elements"]["fact"] is True
    assert run("listening", "Three hours for the tech desk to answer.").to_dict()["elements"]["fact"] is False


def test_mixed_language_text_reads_both() -> None:
    """A Chinese note with English KPI names and an English deadline still finds both."""
    r = run("goal", "by end of Q3 把FCR从64%提升到70%").to_dict()
    assert r["lang"] == "zh-CN" and r["criteria"]["time_bound"] and r["criteria"]["measurable"]


@pytest.mark.parametrize(("text", "lang"), [("Please call Ms 王 back", "en"), ("我们的FCR要到80%", "zh-CN"), ("", "en")])
def test_detect_lang(text: str, lang: str) -> None:
    """Mixed text counts as Chinese once Chinese carries the weight."""
    assert detect_lang(text) == lang


@pytest.mark.parametrize(("text", "values"), [
    ("两成", [20.0]), ("百分之八十五", [85.0]), ("从七成提升到八成", [70.0, 80.0]), ("6分钟", [6.0]),
    ("from 64% to 70%", [64.0, 70.0]), ("three refresher sessions", [3.0]), ("十五通录音", [15.0]),
])
def test_quantities(text: str, values: list[float]) -> None:
    """Chinese and English numbers are read with their values."""
    assert [q.value for q in find_quantities(text)] == values


@pytest.mark.parametrize(("text", "lang", "found"), [
    ("三月底前", "zh-CN", "三月底前"), ("下个月15号之前", "zh-CN", "下个月15号之前"), ("两周内", "zh-CN", "两周内"),
    ("by end of Q3", "en", "by end of Q3"), ("within 4 weeks", "en", "within 4 weeks"), ("by Friday", "en", "by Friday"),
])
def test_deadlines(text: str, lang: str, found: str) -> None:
    """Deadlines in both languages are spotted whole."""
    assert [s.text for s in find_deadlines(text, lang)] == [found]


def test_zh_numerals() -> None:
    """Chinese numerals convert to numbers."""
    assert [zh_to_number(x) for x in ("十五", "两百", "八十五", "一万二千")] == [15, 200, 85, 12000]
