"""``{% filter_form_cache filter %}…{% endfilter_form_cache %}``: a list page's filter form
rendered once per operator, language, page and submitted filter values, then served from the
cache (about a third of a list page's rendering time was its filter form's widgets).

Only filter sets whose choices are fixed lists say ``fragment_cacheable = True`` (statuses,
levels, countries: no rows of the operator's data), so nothing but a new release can change
their markup; the key carries a release token (the compiled catalogues) for that. Rendering
such a form runs no query, so a page's query count is the same with a cold or a warm cache.
A form with typed text in it (a name searched for) is rendered, never cached: no personal
data goes into the cache.

Since a key's markup never changes, each process also keeps the last ``LOCAL_SIZE`` forms it
served (the country list makes a form some 15 kB: fetching it from Redis cost a tenth of a
list page).
"""

import hashlib
from collections import OrderedDict
from pathlib import Path

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()
TIMEOUT = 24 * 3600
LOCAL_SIZE = 256
_local: OrderedDict[str, str] = OrderedDict()


def forget_local() -> None:
    """Empty this process's copies (tests that count what reaches the shared cache)."""
    _local.clear()


def _cached(key: str) -> str | None:
    html = _local.get(key)
    if html is None:
        html = cache.get(key)
        if html is not None:
            _keep(key, html)
    return html


def _keep(key: str, html: str) -> None:
    _local[key] = html
    while len(_local) > LOCAL_SIZE:
        _local.popitem(last=False)


def _release() -> str:
    """Changes when the catalogues are compiled again, i.e. with each release's labels."""
    stamps = sorted(
        f"{p}:{p.stat().st_mtime_ns}:{p.stat().st_size}"
        for root in settings.LOCALE_PATHS
        for p in Path(root).glob("*/LC_MESSAGES/*.mo")
    )
    return hashlib.sha256("|".join(stamps).encode()).hexdigest()[:12]


RELEASE = _release()


def fragment_key(request, filterset) -> str | None:  # type: ignore[no-untyped-def]
    """The cache key of the filter form as this request shows it, or None (not cacheable)."""
    if not getattr(filterset, "fragment_cacheable", False) or request is None:
        return None
    membership = getattr(request, "membership", None)
    data = filterset.data
    if not hasattr(data, "getlist"):
        return None
    fields = filterset.form.fields
    values = [(name, data.getlist(name)) for name in sorted(fields)]
    if any(any(v) and not hasattr(fields[name], "choices") for name, v in values):
        return None  # typed text (a name searched for) is never kept in the cache
    raw = repr(
        (
            type(filterset).__module__,
            type(filterset).__qualname__,
            membership.operator_id if membership else None,
            get_language(),
            request.path,
            values,
        )
    )
    return f"filterform:{RELEASE}:{hashlib.sha256(raw.encode()).hexdigest()}"


class FilterFormCacheNode(template.Node):
    def __init__(self, nodelist: template.NodeList, filterset: template.base.FilterExpression):
        self.nodelist = nodelist
        self.filterset = filterset

    def render(self, context: template.Context) -> str:
        key = fragment_key(context.get("request"), self.filterset.resolve(context))
        if key is None:
            return self.nodelist.render(context)
        html = _cached(key)
        if html is None:
            html = str(self.nodelist.render(context))
            cache.set(key, html, TIMEOUT)
            _keep(key, html)
        return mark_safe(html)  # noqa: S308 - markup this template rendered  # nosec B308 B703


@register.tag
def filter_form_cache(
    parser: template.base.Parser, token: template.base.Token
) -> FilterFormCacheNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("filter_form_cache takes the filter set")
    nodelist = parser.parse(("endfilter_form_cache",))
    parser.delete_first_token()
    return FilterFormCacheNode(nodelist, parser.compile_filter(bits[1]))
