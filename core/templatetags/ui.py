"""``{% page_header %}``: the one header every staff page starts with.

    {% load ui %}
    {% page_header %}
      {% translate "Candidates" %}                      ← the h1's content (may hold <bdi>)
    {% page_context %}
      {{ count }} candidates in {{ operator }}           ← optional context line
    {% page_primary %}
      <a class="btn btn-primary" href="…">New candidate</a>   ← optional, one button or form
    {% page_secondary %}
      <li><a class="dropdown-item" href="…">Import</a></li>   ← optional, any number
    {% endpage_header %}

The markup lives in ``partials/ui.html#page_header``: the secondary actions are one list, a
dropdown menu ("More") on narrow screens and a row of outline buttons from 768 px up (CSS in
static/css/app.css), so each action is rendered once. Sections may come in any order after the
title; each may appear once.
"""

from django import template
from django.template.base import Node, NodeList, Parser, Token
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

SECTIONS = ("page_context", "page_primary", "page_secondary")
END = "endpage_header"


class PageHeaderNode(Node):
    def __init__(self, parts: dict[str, NodeList]) -> None:
        self.parts = parts
        self.nodelist = NodeList(node for part in parts.values() for node in part)

    def render(self, context) -> SafeString:  # type: ignore[no-untyped-def]
        rendered = {k: self.render_part(part, context) for k, part in self.parts.items()}
        values = {
            "title": rendered["title"],
            "context_line": rendered.get("page_context", ""),
            "primary": rendered.get("page_primary", ""),
            "secondary": rendered.get("page_secondary", ""),
        }
        partial = get_template("partials/ui.html#page_header")
        with context.push(values):
            return partial.template.render(context)  # type: ignore[attr-defined]

    @staticmethod
    def render_part(part: NodeList, context) -> SafeString:  # type: ignore[no-untyped-def]
        """A section as the template rendered it (escaped where it escapes), without the
        surrounding whitespace (an empty section is then falsy in the partial)."""
        html = part.render(context).strip()
        return mark_safe(html)  # noqa: S308 - markup this template rendered  # nosec B308 B703


@register.tag("page_header")
def page_header(parser: Parser, token: Token) -> PageHeaderNode:
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("page_header takes no arguments")
    parts: dict[str, NodeList] = {}
    key = "title"
    while True:
        nodes = parser.parse((*SECTIONS, END))
        parts[key] = nodes
        tag = parser.next_token().contents.strip()
        if tag == END:
            return PageHeaderNode(parts)
        if tag in parts:
            raise template.TemplateSyntaxError(f"{tag} appears twice in page_header")
        key = tag
