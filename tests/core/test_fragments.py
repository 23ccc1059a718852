"""The cached filter form: the same markup as rendering it, per language and filter values,
and never a cached copy of typed text."""

import re

from django.core.cache import cache
from django.urls import reverse

from tests.conftest import World


def _form(html: str) -> str:
    match = re.search(r'<form method="get".*?</form>', html, re.S)
    assert match
    return match.group(0)


def _keys() -> set[str]:
    """The cached filter forms' keys, in the local-memory cache or in Redis (CI)."""
    store = cache._cache  # type: ignore[attr-defined]
    if hasattr(store, "get_client"):  # django.core.cache.backends.redis.RedisCacheClient
        raw = store.get_client(None).keys("*filterform:*")
        return {k.decode() if isinstance(k, bytes) else k for k in raw}
    return {k for k in store if "filterform:" in k}


def test_filter_form_is_cached_per_language_and_values_with_the_same_markup(world: World) -> None:
    cache.clear()
    url = reverse("candidates:list")
    client = world.client_for("lead")
    first = _form(client.get(url + "?status=active").content.decode())
    assert len(_keys()) == 1
    again = _form(client.get(url + "?status=active&page=2").content.decode())
    assert again == first and len(_keys()) == 1, "the page number is not part of the form"
    assert 'value="active" selected' in first
    other = _form(client.get(url + "?status=inactive").content.decode())
    assert other != first and len(_keys()) == 2
    english = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
    assert ">Status<" in _form(english.get(url + "?status=active").content.decode())
    assert len(_keys()) == 3
    cache.clear()
    assert _form(client.get(url + "?status=active").content.decode()) == first


def test_typed_text_is_rendered_not_cached(world: World) -> None:
    cache.clear()
    client = world.client_for("lead")
    html = _form(client.get(reverse("candidates:list") + "?q=Haddad").content.decode())
    assert 'value="Haddad"' in html
    assert _keys() == set()


def test_a_process_serves_a_form_it_has_rendered_without_the_shared_cache(world: World) -> None:
    from core.templatetags import fragments

    url = reverse("candidates:list") + "?status=active"
    client = world.client_for("lead")
    first = _form(client.get(url).content.decode())
    assert len(fragments._local) == 1
    cache.clear()  # the shared copy gone: this process still has its own
    assert _form(client.get(url).content.decode()) == first
    assert _keys() == set()
    fragments.forget_local()  # another process: fetches the shared copy, or renders and shares
    assert _form(client.get(url).content.decode()) == first
    assert len(_keys()) == 1
