"""``{% url %}`` with kept shapes (core/templatetags/fasturl.py) gives what Django's tag gives."""

import pytest
from django.template import Context, Engine, TemplateSyntaxError
from django.test import override_settings
from django.urls import NoReverseMatch, get_resolver, reverse, set_script_prefix
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern, URLPattern, URLResolver

from core.templatetags import fasturl

SHAPED = Engine(builtins=["core.templatetags.fasturl"])
PLAIN = Engine()


def both(source: str, **context: object) -> tuple[str, str]:
    return (
        SHAPED.from_string(source).render(Context(context)),
        PLAIN.from_string(source).render(Context(context)),
    )


def named_int_patterns() -> list[tuple[str, int]]:
    """Every named URL of the app whose parameters are all whole numbers, with their count."""
    found: list[tuple[str, int]] = []

    def walk(patterns, namespace: str, converters: dict) -> None:  # type: ignore[no-untyped-def]
        for pattern in patterns:
            if not isinstance(pattern.pattern, RoutePattern):
                continue  # regular expressions (the admin's) have groups without converters
            here = {**converters, **pattern.pattern.converters}
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, ns, here)
            elif (
                isinstance(pattern, URLPattern)
                and pattern.name
                and all(isinstance(c, IntConverter) for c in here.values())
            ):
                found.append((namespace + pattern.name, len(here)))

    walk(get_resolver().url_patterns, "", {})
    return found


def test_every_whole_number_url_of_the_app_comes_out_as_django_makes_it() -> None:
    patterns = named_int_patterns()
    assert len(patterns) > 100
    for name, arity in patterns:
        for values in ([7] * arity, list(range(123_456, 123_456 + arity))):
            args = " ".join(f"a{i}" for i in range(arity))
            context = {f"a{i}": value for i, value in enumerate(values)}
            shaped, plain = both(f"{{% url '{name}' {args} %}}", **context)
            assert shaped == plain == reverse(name, args=values), name


def test_the_second_reverse_uses_the_kept_shape() -> None:
    fasturl._shapes.clear()
    shaped, _ = both("{% url 'candidates:detail' pk %}", pk=5)
    assert shaped == "/candidates/5/"
    assert any(key[-2:] == ("candidates:detail", 1) for key in fasturl._shapes)
    assert fasturl.fill(fasturl.shape_of("candidates:detail", 1, None), [41]) == "/candidates/41/"


@pytest.mark.parametrize(
    ("source", "context"),
    [
        ("{% url 'candidates:detail' pk=pk %}", {"pk": 3}),  # keywords
        ("{% url 'candidates:detail' pk %}", {"pk": "12"}),  # text
        ("{% url 'candidates:list' %}?page={{ n }}", {"n": 2}),  # no arguments
        ("{% url 'candidates:detail' pk as link %}[{{ link }}]", {"pk": 9}),
        ("{% url 'no:such' pk as link %}[{{ link }}]", {"pk": 9}),  # as: empty, no error
        ("{% url 'workday:search' %}", {}),
    ],
)
def test_other_forms_give_what_django_gives(source: str, context: dict) -> None:
    shaped, plain = both(source, **context)
    assert shaped == plain


@pytest.mark.parametrize("value", [0, -4, True, 2.0])
def test_numbers_the_shape_cannot_vouch_for_go_to_django(value: object) -> None:
    def render(engine: Engine) -> object:
        try:
            return engine.from_string("{% url 'candidates:detail' pk %}").render(
                Context({"pk": value})
            )
        except NoReverseMatch:
            return NoReverseMatch

    assert render(SHAPED) == render(PLAIN)


def test_an_unknown_name_fails_as_with_django() -> None:
    with pytest.raises(NoReverseMatch):
        SHAPED.from_string("{% url 'no:such' pk %}").render(Context({"pk": 1}))
    with pytest.raises(TemplateSyntaxError):
        SHAPED.from_string("{% url %}")


def test_another_urlconf_and_a_script_prefix_get_their_own_shapes() -> None:
    source = "{% url 'bench_admin:index' %}|{% url 'candidates:detail' pk %}"
    with pytest.raises(NoReverseMatch):
        both(source, pk=1)
    with override_settings(ROOT_URLCONF="bench.urls"):
        shaped, plain = both(source, pk=1)
        assert shaped == plain == "/bench-admin/|/candidates/1/"
    set_script_prefix("/springbrett/")
    try:
        shaped, plain = both("{% url 'candidates:detail' pk %}", pk=1)
        assert shaped == plain == "/springbrett/candidates/1/"
    finally:
        set_script_prefix("/")
    assert both("{% url 'candidates:detail' pk %}", pk=1)[0] == "/candidates/1/"


def test_the_markup_is_escaped_as_django_escapes_it() -> None:
    shaped, plain = both('<a href="{% url "candidates:detail" pk %}">', pk=8)
    assert shaped == plain == '<a href="/candidates/8/">'
