"""One learner, one name: look-alike spellings become one id or are refused, everywhere the id is used."""

import pytest

from coachlab.grading.course import Course, student_id
from coachlab.progress import Attempt, LearnerIdError, open_store, validate_learner_id
from coachlab.progress.ids import normalize_learner_id


@pytest.mark.parametrize(("typed", "expected"), [
    ("ａｌｉｃｅ", "alice"),                 # full-width letters
    ("alice ", "alice"),                   # a trailing space
    ("\u3000alice\t", "alice"),            # ideographic space, tab
    ("Li   Lei", "Li Lei"),                # inner whitespace collapsed
    ("Li\u3000Lei", "Li Lei"),
    ("agent００７", "agent007"),            # full-width digits
    ("王芳", "王芳"),
    ("李娜 Lina", "李娜 Lina"),             # Chinese and Latin together are a real name
    ("小王 （班组长）", "小王 (班组长)"),
    ("Наталья", "Наталья"),                # one script alone is fine
])
def test_spellings_of_one_name_become_one_id(typed, expected):
    """NFKC, trimmed, whitespace collapsed: what the learner meant, one spelling."""
    assert normalize_learner_id(typed) == expected
    assert validate_learner_id(typed) == expected


@pytest.mark.parametrize("typed", [
    "\u0430lice",          # Cyrillic а + Latin lice
    "alic\u0435",          # Latin + Cyrillic е
    "b\u03bfb",            # Greek omicron in bob
    "李娜 \u0410nna",       # Chinese is fine, but Latin mixed with Cyrillic is not
])
def test_mixed_script_look_alikes_are_refused_with_a_reason(typed):
    """A name mixing Latin with Cyrillic/Greek letters could pass for somebody else: refused, said why."""
    with pytest.raises(LearnerIdError) as caught:
        validate_learner_id(typed)
    assert caught.value.reason == "mixed_script"
    en, zh = caught.value.message("en"), caught.value.message("zh-CN")
    assert "Cyrillic" in en and "西里尔" in zh


@pytest.mark.parametrize(("typed", "reason"), [("ａ／ｂ", "separator"), ("．．", "dotdot"), ("　", "empty")])
def test_full_width_forms_of_forbidden_characters_are_refused(typed, reason):
    """NFKC runs before the checks, so a full-width slash is a slash."""
    with pytest.raises(LearnerIdError) as caught:
        validate_learner_id(typed)
    assert caught.value.reason == reason


def test_the_store_keeps_one_learner_for_look_alike_spellings(tmp_path):
    """Records written as 'ａｌｉｃｅ' and 'alice ' are alice's, and reading as either finds both."""
    with open_store(tmp_path / "p.sqlite3") as store:
        store.record(Attempt("ａｌｉｃｅ", "bid-late-logins", {"a": 1}, {}))
        store.record(Attempt("alice ", "bid-late-logins", {"a": 2}, {}))
        store.save_state(" alice", "05-feedback", {"draft": "x"})
        assert {a.learner_id for a in store.attempts()} == {"alice"}
        assert len(store.attempts("ａｌｉｃｅ")) == 2
        assert store.load_state("alice", "05-feedback") == {"draft": "x"}
        with pytest.raises(LearnerIdError):
            store.record(Attempt("\u0430lice", "bid-late-logins", {"a": 3}, {}))
        assert len(store.attempts()) == 2


def test_grading_gives_look_alike_spellings_one_student_and_keeps_the_name(tmp_path):
    """nbgrader's id is the same for every spelling; a hashed id maps back to the name the learner used."""
    assert student_id("ａｌｉｃｅ") == student_id("alice ") == "alice"
    course = Course(tmp_path)
    student = course.register_learner("1+1 李娜")
    assert student != "1+1 李娜" and student.endswith(student_id("1+1 李娜")[-8:])
    assert course.learner_name(student) == "1+1 李娜"
    assert course.register_learner("１+１　李娜 ") == student
    assert course.learner_names() == {student: "1+1 李娜"}
    assert course.learner_name("nobody-12345678") == "nobody-12345678"
