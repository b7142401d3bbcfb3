"""Pure logic behind the lesson tools: SWOT, golden circle, 复盘 worksheet, listening test, goals, quizzes."""
