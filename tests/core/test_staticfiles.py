"""The production static storage (core/staticfiles.py) answers as WhiteNoise's, once per name."""

import json

import pytest
from django.test import override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

from core.staticfiles import ManifestStorage

PATHS = {
    "css/app.css": "css/app.0123abcd.css",
    "js/htmx.min.js": "js/htmx.min.4567ef01.js",
    "fonts/noto.woff2": "fonts/noto.89abcdef.woff2",
}


@pytest.fixture
def root(tmp_path):  # type: ignore[no-untyped-def]
    manifest = {"paths": PATHS, "version": "1.1", "hash": "0"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return tmp_path


@override_settings(DEBUG=False, STATIC_URL="/static/")
def test_the_same_urls_as_whitenoise_and_each_looked_up_once(root) -> None:  # type: ignore[no-untyped-def]
    ours, theirs = (
        ManifestStorage(location=root),
        CompressedManifestStaticFilesStorage(location=root),
    )
    for name in [*PATHS, "css/app.css#top", "fonts/noto.woff2?#iefix", "css/"]:
        assert ours.url(name) == theirs.url(name)
    assert ours.url("css/app.css") == "/static/css/app.0123abcd.css"
    ours.hashed_files["css/app.css"] = "css/app.changed.css"  # the manifest is not read again
    assert ours.url("css/app.css") == "/static/css/app.0123abcd.css"
    assert ours.url("css/app.css", force=True) == "/static/css/app.changed.css"


@override_settings(DEBUG=False, STATIC_URL="/static/")
def test_a_name_missing_from_the_manifest_fails_every_time(root) -> None:  # type: ignore[no-untyped-def]
    storage = ManifestStorage(location=root)
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")


def test_debug_is_part_of_the_answer_and_a_new_static_url_a_new_storage(root) -> None:  # type: ignore[no-untyped-def]
    storage = ManifestStorage(location=root)
    with override_settings(DEBUG=False, STATIC_URL="/static/"):
        assert storage.url("css/app.css") == "/static/css/app.0123abcd.css"
    with override_settings(DEBUG=True, STATIC_URL="/static/"):
        assert storage.url("css/app.css") == "/static/css/app.css"
    with override_settings(DEBUG=False, STATIC_URL="/assets/"):
        fresh = ManifestStorage(location=root)  # as Django makes one when STATIC_URL changes
        assert fresh.url("css/app.css") == "/assets/css/app.0123abcd.css"
