"""UncountedPaginator: numbered pages without COUNT(*), for lists that grow with the operator."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core.models import Organisation
from core.pagination import UncountedPaginator
from tests.factories import OperatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operators():  # type: ignore[no-untyped-def]
    for i in range(7):
        OperatorFactory(name=f"Operatør {i}")
    return Organisation.objects.order_by("name")


def test_a_page_is_one_query_and_knows_whether_another_follows(operators) -> None:  # type: ignore[no-untyped-def]
    paginator = UncountedPaginator(operators, 3)
    with CaptureQueriesContext(connection) as queries:
        first = paginator.get_page("1")
        names = [o.name for o in first]
    assert len(queries) == 1 and "COUNT" not in queries[0]["sql"].upper()
    assert names == ["Operatør 0", "Operatør 1", "Operatør 2"]
    assert first.has_next() and not first.has_previous() and first.next_page_number() == 2
    last = paginator.get_page(3)
    assert [o.name for o in last] == ["Operatør 6"]
    assert last.has_previous() and not last.has_next() and last.previous_page_number() == 2


def test_a_page_just_filled_has_no_next(operators) -> None:  # type: ignore[no-untyped-def]
    page = UncountedPaginator(operators[:6], 3).get_page(2)
    assert len(page) == 3 and not page.has_next()


@pytest.mark.parametrize("number", ["9", "0", "-1", "x", None, "2.5"])
def test_a_page_that_does_not_exist_is_the_first(operators, number) -> None:  # type: ignore[no-untyped-def]
    page = UncountedPaginator(operators, 3).get_page(number)
    assert page.number == 1 and page[0].name == "Operatør 0"


def test_an_empty_list_has_one_empty_page() -> None:
    page = UncountedPaginator(Organisation.objects.none(), 3).get_page(1)
    assert list(page) == [] and not page.has_other_pages()


def test_the_pagination_component_shows_no_total(operators) -> None:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/", {"page": "2"})
    request.user, request.membership = AnonymousUser(), None  # what the context processors read
    page = UncountedPaginator(operators, 3).get_page(2)
    html = render_to_string("components.html#pagination", {"page": page}, request=request)
    assert "?page=1" in html and "?page=3" in html
    assert 'aria-current="page"' in html and " of " not in html and " av " not in html
