"""Placeholder until written."""
def check_star(text, lang="auto", context=None):
    raise NotImplementedError
