"""Placeholder until written."""
def check_question(text, lang="auto", context=None):
    raise NotImplementedError
