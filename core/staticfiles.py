"""Static files as WhiteNoise serves them in production, with each file's URL looked up once.

``{% static %}`` asks the storage for a URL on every use: the base layout alone has nine, and
each lookup (the name cleaned, found in the manifest, joined to ``STATIC_URL``) costs about
50 µs, half a millisecond per page for the same nine answers. The manifest does not change while
the process runs (``collectstatic`` writes a new one for the next start), so the answers are kept
(per ``DEBUG`` and ``STATIC_URL``); ``post_process`` (``collectstatic`` here) forgets them.
"""

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[tuple[str, bool, str], str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or name is None:
            return super().url(name, force)
        # DEBUG (unhashed names) and STATIC_URL (base_url) change the answer, in tests
        key = (name, settings.DEBUG, self.base_url)
        try:
            return self._urls[key]
        except KeyError:
            url = self._urls[key] = super().url(name)
            return url

    def post_process(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        self._urls.clear()
        yield from super().post_process(*args, **kwargs)
