"""Placeholder until written."""
def check_goal(text, lang="auto", context=None):
    raise NotImplementedError
