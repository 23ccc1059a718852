"""``{% url %}`` that keeps each URL name's shape (a template builtin: every template has it).

A list page reverses the same few URL names once per row: 25 to 50 reverses, about 30 µs each
through the resolver, which makes them the costliest single tag on a list page. The first reverse
of a name with whole-number arguments asks Django with marker numbers in their place and keeps
the text around the markers; later reverses of that name put the numbers into the kept text.
Anything else (keyword or text arguments, zero or a negative number, a name that does not reverse
with the markers) goes through Django's own tag unchanged, so the result is always what Django's
``{% url %}`` gives.

The shapes are kept per URL configuration, script prefix, language and current application, so
a test's ``override_settings(ROOT_URLCONF=…)`` or a deployment under a sub-path gets its own.
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Context, Library
from django.template.base import Parser, Token
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = Library()

# Numbers no real argument is compared against: they are only searched for in the reversed text.
MARKERS = tuple(str(n) for n in range(9_073_610_001, 9_073_610_011))

Shape = tuple[str, ...]
_shapes: dict[tuple[object, ...], Shape | None] = {}


@receiver(setting_changed)
def _forget_shapes(*, setting: str, **kwargs: object) -> None:
    if setting in {"ROOT_URLCONF", "LANGUAGE_CODE", "FORCE_SCRIPT_NAME"}:
        _shapes.clear()


def shape_of(view_name: str, arity: int, current_app: str | None) -> Shape | None:
    """The reversed URL of ``view_name`` split at its ``arity`` positional arguments, or None when
    the name cannot be filled in this way (the caller then asks Django)."""
    key = (
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
        current_app,
        view_name,
        arity,
    )
    try:
        return _shapes[key]
    except KeyError:
        pass
    shape: Shape | None = None
    if arity <= len(MARKERS):
        markers = MARKERS[:arity]
        try:
            text = reverse(view_name, args=markers, current_app=current_app)
        except NoReverseMatch:
            text = None
        if text is not None and all(text.count(marker) == 1 for marker in markers):
            parts, rest = [], text
            for marker in markers:
                before, _, rest = rest.partition(marker)
                parts.append(before)
            shape = (*parts, rest)
    _shapes[key] = shape
    return shape


def fill(shape: Shape, args: list[int]) -> str:
    pieces = [shape[0]]
    for value, after in zip(args, shape[1:], strict=True):
        pieces.append(str(value))
        pieces.append(after)
    return "".join(pieces)


class ShapedURLNode(URLNode):
    def render(self, context: Context) -> str:
        if self.kwargs:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        if not all(type(value) is int and value > 0 for value in args):
            return super().render(context)
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app  # type: ignore[attr-defined]
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace  # type: ignore[attr-defined]
            except AttributeError:
                current_app = None
        shape = shape_of(str(view_name), len(args), current_app)
        if shape is None:
            return super().render(context)
        url = fill(shape, args)
        if self.asvar:
            context[self.asvar] = url
            return ""
        return str(conditional_escape(url)) if context.autoescape else url


@register.tag("url")
def url(parser: Parser, token: Token) -> ShapedURLNode:
    node = django_url(parser, token)
    node.__class__ = ShapedURLNode
    return node  # type: ignore[return-value]
