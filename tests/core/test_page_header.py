"""The page header tag: one h1, the context line, the primary action and the secondary menu."""

import pytest
from django.template import Context, Template, TemplateSyntaxError


def render(source: str, **context: object) -> str:
    return Template("{% load i18n ui %}" + source).render(Context(context))


def test_title_only_gives_one_h1_and_no_actions() -> None:
    html = render("{% page_header %}{% translate 'Zebra' %}{% endpage_header %}")
    assert html.count("<h1>") == 1
    assert "<h1>Zebra</h1>" in html
    assert "page-actions" not in html
    assert "page-context" not in html


def test_every_section_lands_in_its_place() -> None:
    html = render(
        "{% page_header %}<bdi>{{ name }}</bdi>"
        "{% page_context %}Context {{ n }}"
        '{% page_primary %}<a class="btn btn-primary" href="/new/">New</a>'
        '{% page_secondary %}<li><a class="dropdown-item" href="/import/">Import</a></li>'
        "{% endpage_header %}",
        name="<Ada>",
        n=3,
    )
    assert "<h1><bdi>&lt;Ada&gt;</bdi></h1>" in html
    assert '<p class="page-context">Context 3</p>' in html
    assert html.index('href="/new/"') < html.index('class="dropdown page-more"')
    assert html.index('data-bs-toggle="dropdown"') < html.index('href="/import/"')


def test_sections_may_come_in_any_order_but_once() -> None:
    html = render(
        "{% page_header %}T{% page_secondary %}<li>x</li>{% page_context %}C{% endpage_header %}"
    )
    assert "page-more" in html and "C</p>" in html
    with pytest.raises(TemplateSyntaxError):
        render("{% page_header %}T{% page_context %}a{% page_context %}b{% endpage_header %}")


def test_the_include_form_still_works() -> None:
    html = render(
        '{% include "partials/ui.html#page_header" with title="Home" '
        'primary_url="/x/" primary_label="Go" %}'
    )
    assert "<h1>Home</h1>" in html and 'href="/x/">Go</a>' in html
