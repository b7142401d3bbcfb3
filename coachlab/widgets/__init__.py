"""Thin ipywidgets views over the coachlab core. Notebooks call these in one line."""

from .landing import Landing, landing
from .page import LanguageSwitch, page_lang, setup_page
from .player import ScenarioPlayer, roleplay_page
from .scenario_list import ScenarioList, scenario_list_page

__all__ = ["Landing", "LanguageSwitch", "landing", "page_lang", "setup_page"]
from .feedback_drills import feedback_drills
from .golden_circle import golden_circle, red_green_drill
from .grow_planner import grow_planner
from .interview_prep import interview_prep
from .knowledge_check import knowledge_check
from .kpi_explorer import kpi_explorer
from .lesson import lesson_links
from .listening_test import listening_test
from .promotion import promotion_form
from .review import review_worksheet
from .smart_builder import smart_builder
from .swot import swot_board

__all__ += ["feedback_drills", "golden_circle", "grow_planner", "interview_prep", "knowledge_check", "kpi_explorer",
            "lesson_links", "listening_test", "promotion_form", "red_green_drill", "review_worksheet",
            "smart_builder", "swot_board"]
__all__ += ["ScenarioList", "ScenarioPlayer", "roleplay_page", "scenario_list_page"]
from .checkpad import CheckPad, practice_pad
__all__ += ["CheckPad", "practice_pad"]
from .exercise_form import ExerciseForm, exercise_form
__all__ += ["ExerciseForm", "exercise_form"]
from .dashboard import Dashboard, dashboard
__all__ += ["Dashboard", "dashboard"]
