"""The message catalogs: both languages hold the same keys, none empty, with the same placeholders."""

import pytest

from coachlab.i18n import LANGS, MissingMessage, catalog, lang_from_query, placeholders, resolve_lang, t

EN, ZH = catalog("en"), catalog("zh-CN")
ALL_KEYS = sorted(set(EN) | set(ZH))


@pytest.mark.parametrize("key", ALL_KEYS)
def test_key_in_every_language_non_empty_same_placeholders(key):
    """A key missing, empty, or with other placeholders in one language is a bug."""
    for lang in LANGS:
        assert key in catalog(lang), f"{key} missing from {lang}"
        assert catalog(lang)[key].strip(), f"{key} is empty in {lang}"
    assert placeholders(EN[key]) == placeholders(ZH[key]), key


def test_zh_catalog_is_chinese():
    """Most zh-CN messages contain Chinese characters (a copied English line is a missed translation)."""
    untranslated = [k for k, v in ZH.items() if not any("\u4e00" <= ch <= "\u9fff" for ch in v) and v == EN[k]
                    and not set(placeholders(v)) and len(v) > 12]
    assert untranslated == []


def test_lookup_fills_placeholders():
    """Placeholders are filled by name, in each language."""
    assert "64" in t("learner_id.too_long", "en", max=64)
    assert "64" in t("learner_id.too_long", "zh-CN", max=64)
    assert t("landing.minutes", "zh", minutes=12) == "约 12 分钟"


def test_unknown_key_raises():
    """An unknown key is an error, never a silent fallback."""
    with pytest.raises(MissingMessage):
        t("no.such.key", "en")


@pytest.mark.parametrize(
    ("query", "env", "expected"),
    [
        ("lang=zh", {}, "zh-CN"),
        ("?lang=en", {"COACHLAB_LANG": "zh"}, "en"),
        ("scenario=x&lang=zh-CN", {}, "zh-CN"),
        ("", {"COACHLAB_LANG": "en"}, "en"),
        (None, {"COACHLAB_LANG": "fr"}, "zh-CN"),
        ("lang=klingon", {"COACHLAB_LANG": "en"}, "en"),
        (None, {}, "zh-CN"),
    ],
)
def test_resolve_lang_order(query, env, expected):
    """?lang= in the URL wins, then COACHLAB_LANG, then zh-CN; unknown values are ignored."""
    assert resolve_lang(query, env) == expected


def test_lang_from_query_ignores_other_parameters():
    """Only the lang parameter counts."""
    assert lang_from_query("kind=feedback") is None
