"""Placeholder until written."""
def check_listening(text, lang="auto", context=None):
    raise NotImplementedError
