"""The gradebook's id maps back to the name the learner used, on every page a facilitator hands out."""

import shutil

from coachlab.grading.course import Course, load_exercise, student_id
from coachlab.grading.feedback import write_feedback


def test_feedback_page_is_titled_with_the_learners_own_name(tmp_path):
    """A learner called '1+1 李娜' gets a page titled with that name, not 'feedback for 1+1_李娜-…'."""
    course = Course(tmp_path)
    exercise = load_exercise("a05-feedback")
    student = course.register_learner("1+1 李娜")
    assert student == student_id("1+1 李娜") != "1+1 李娜"
    target = course.autograded_dir(student, exercise.slug)
    target.mkdir(parents=True)
    shutil.copy(exercise.folder / exercise.notebook_name, target / exercise.notebook_name)
    pages = write_feedback(course, exercise.slug, "zh-CN")
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "1+1 李娜" in title and student not in title
