"""Gate 3: a page's query count must not grow with its rows (Zulip-style exact counts)."""

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def count_queries(client: Client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def assert_constant_queries(
    client: Client,
    url: str,
    add_rows: Callable[[int], object],
    *,
    expected: int,
    sizes: tuple[int, int] = (3, 30),
) -> None:
    """Load the page with sizes[0], then sizes[1] rows; both must take ``expected`` queries.

    ``add_rows(n)`` adds n more rows that the page shows. Callers name the queries in a comment.
    The page is loaded once before the rows are added, as a running server has it: the session
    and the user's memberships come from the cache then (core/membership_cache.py), while what
    the page keeps by the freshness of its rows is read again.
    """
    client.get(url)
    add_rows(sizes[0])
    small, small_sql = count_queries(client, url)
    add_rows(sizes[1] - sizes[0])
    large, large_sql = count_queries(client, url)
    listing = "\n".join(large_sql)
    assert small == large, (
        f"{small} queries with {sizes[0]} rows, {large} with {sizes[1]}:\n{listing}"
    )
    assert large == expected, f"expected {expected} queries, got {large}:\n{listing}"
