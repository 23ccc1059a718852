"""Every measurement of one ``make bench`` run, side by side, and the table they make."""

from collections.abc import Callable

from django.conf import settings
from django.db.models import Count
from django.test import Client, override_settings
from django.urls import reverse

from candidates.models import Candidate
from core.models import Membership, Role, User
from mentors.models import FollowUpNote
from placements.models import Placement
from workday import freshness, registry

from . import documents, exports, load, matching, pages, queries
from .report import Row, machine, table, write

LIST_P95_MS = 20
DASHBOARD_P95_MS = 25
DASHBOARD_RPS = 100
RAW_FACTOR = 3
ADMIN_FACTOR = 2
MAX_QUERIES = 10
# The home page reads one query per worklist section on top of the session's four.
MAX_QUERIES_BY_PAGE = {"Home worklist": 15}
RPS = 150
PDF_FACTOR = 1.3
CSV_RPS = 80_000
CSV_MB = 80
XLSX_RPS = 20_000
CLAIM_MS = 10
SEARCH_MS = 10
MATCH_MS = 100


def signed_in(user: User) -> Client:
    """A client with a session of ``user``, verified for two-step login where the role needs it."""
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(user)
    try:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from core.mfa import mark_verified
    except ImportError:  # no two-step verification in this version of the app
        return client
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Benchmark", defaults={"confirmed": True}
    )
    session = client.session
    mark_verified(session, device)
    session.save()
    return client


def ms(value: float) -> str:
    return f"{value:.1f} ms"


def run(env: dict[str, str], size: dict, scale: str, log: Callable[[str], None]) -> None:  # type: ignore[type-arg]
    info = machine()
    biggest = (
        Candidate.objects.values("operator").annotate(n=Count("pk")).order_by("-n", "operator")[0]
    )
    operator_id, operator_size = biggest["operator"], biggest["n"]
    lead = Membership.objects.get(operator_id=operator_id, role=Role.LEAD).user
    membership = Membership.objects.select_related("operator").get(user=lead)
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    assert admin is not None, "seed_scale creates a site admin"
    busiest = (
        FollowUpNote.objects.filter(candidate__operator_id=operator_id)
        .values("candidate")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]
    )
    programme = (
        Placement.objects.filter(candidate__operator_id=operator_id)
        .values("programme")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["programme"]
    )
    log(
        f"Operator {membership.operator} ({operator_size:,} candidates); "
        f"busiest candidate has {busiest['n']} notes"
    )
    rows: list[Row] = []

    # 1. Pages at one connection, their raw SQL, and the admin changelist.
    client, admin_client = signed_in(lead), signed_in(admin)
    timeline = reverse("mentors:candidate_timeline", kwargs={"pk": busiest["candidate"]})
    page_specs = [
        ("Candidate list", reverse("candidates:list"), "?page=3", "candidates/candidate/"),
        ("Placement list", reverse("placements:list"), "?page=3", "placements/placement/"),
        (
            "Notes timeline",
            timeline,
            "?page=3",
            f"mentors/followupnote/?candidate__id__exact={busiest['candidate']}",
        ),
        # The lead's home: one query per worklist section (workday/sections.py), nine sections.
        ("Home worklist", reverse("workday:home"), None, "candidates/candidate/"),
        (
            "Programme dashboard",
            reverse("dashboards:programme", kwargs={"pk": programme}),
            None,
            "programs/programme/",
        ),
    ]
    raw_p95: list[float] = []
    with override_settings(ROOT_URLCONF="bench.urls"):
        for name, url, later, admin_path in page_specs:
            log(f"page: {name}")
            result = pages.measure_page(
                name,
                client,
                url,
                later_page=url + later if later else None,
                admin_client=admin_client,
                admin_url=f"/bench-admin/{admin_path}",
            )
            factor = result.page.p95 / result.raw.p95
            raw_p95.append(result.raw.p95)
            limit = DASHBOARD_P95_MS if name == "Programme dashboard" else LIST_P95_MS
            log(
                f"  page {ms(result.page.p50)} / {ms(result.page.p95)}, raw "
                f"{ms(result.raw.p50)} / {ms(result.raw.p95)}, {result.queries} queries, admin "
                f"{ms(result.admin.p95) if result.admin else '-'}"
            )
            rows += [
                Row(
                    name,
                    "p50 / p95, one connection",
                    f"p95 ≤ {limit} ms",
                    f"{ms(result.page.p50)} / {ms(result.page.p95)}",
                    result.page.p95 <= limit,
                ),
                Row(
                    name,
                    "same SQL raw (psycopg): p50 / p95; page ÷ raw at p95",
                    f"page ≤ {RAW_FACTOR}× raw",
                    f"{ms(result.raw.p50)} / {ms(result.raw.p95)}; {factor:.1f}×",
                    factor <= RAW_FACTOR,
                ),
                Row(
                    name,
                    "queries: first page / a later page",
                    f"constant, ≤ {MAX_QUERIES_BY_PAGE.get(name, MAX_QUERIES)}",
                    f"{result.queries} / {result.queries_later_page or '–'}",
                    result.queries <= MAX_QUERIES_BY_PAGE.get(name, MAX_QUERIES)
                    and result.queries_later_page in (None, result.queries),
                ),
            ]
            if result.admin is not None:
                speedup = result.admin.p95 / result.page.p95
                is_list = name != "Programme dashboard"
                rows.append(
                    Row(
                        name,
                        f"stock admin changelist p50 / p95 ({result.admin_queries} queries)",
                        f"page ≥ {ADMIN_FACTOR}× faster" if is_list else "–",
                        f"{ms(result.admin.p50)} / {ms(result.admin.p95)}; page {speedup:.1f}× "
                        "faster",
                        speedup >= ADMIN_FACTOR if is_list else None,
                    )
                )

        # The floor under every page: the layout alone, as a share of each page's raw SQL.
        log("page: layout alone")
        layout = pages.timed(lambda: pages.get(client, "/bench-layout/"))
        shares = " / ".join(f"{layout.p95 / raw:.1f}" for raw in raw_p95)
        rows.append(
            Row(
                "Layout alone",
                "same middleware, header and navigation, no content: p50 / p95; ÷ raw SQL of "
                "each page above at p95",
                "–",
                f"{ms(layout.p50)} / {ms(layout.p95)}; {shares}×",
                None,
            )
        )

        # The home page right after a change to everything it reads: each section recounted.
        log("page: home, every section recounted")
        topics = {topic for entry in registry.registered() for topic in entry.depends}

        def recounted_home() -> None:
            for topic in topics:
                freshness.bump(operator_id, topic)
            pages.get(client, reverse("workday:home"))

        cold = pages.timed(recounted_home, runs=20, warmup=2)
        rows.append(
            Row(
                "Home worklist",
                "right after a change to every topic it reads (each section recounted): p50 / p95",
                "–",
                f"{ms(cold.p50)} / {ms(cold.p95)}",
                None,
            )
        )

    # 2. Throughput: gunicorn, 2 workers, wrk on loopback.
    wrk = load.ensure_wrk()
    cookie_client = signed_in(lead)
    session_key = cookie_client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}"
    with load.Gunicorn(env) as server:
        for name, url, _later, _admin in page_specs:
            log(f"wrk: {name}")
            result = load.run_wrk(wrk, server.base, name, url, cookie)
            rps = DASHBOARD_RPS if name == "Programme dashboard" else RPS
            log(f"  {result.requests_per_second:.0f} req/s, {result.errors} errors")
            rows.append(
                Row(
                    name,
                    f"gunicorn {load.WORKERS} workers, wrk {load.CONNECTIONS} connections "
                    f"{load.DURATION} s: req/s (p50 / p99; errors)",
                    f"≥ {rps} req/s, 0 errors",
                    f"{result.requests_per_second:.0f} req/s ({ms(result.p50_ms)} / "
                    f"{ms(result.p99_ms)}; {result.errors} errors of {result.requests})",
                    result.requests_per_second >= rps and result.errors == 0,
                )
            )

    # 3. Attest PDF.
    log("attest PDF")
    pdf = documents.measure(operator_id)
    rows.append(
        Row(
            "Attest PDF",
            f"render, median of {documents.RUNS} (ours / WeasyPrint unstyled; {pdf.pages} page)",
            f"≤ {PDF_FACTOR}× unstyled",
            f"{ms(pdf.ours_ms)} / {ms(pdf.plain_ms)}; {pdf.ratio:.2f}×",
            pdf.ratio <= PDF_FACTOR,
        )
    )

    # 4. Exports of every placement in the country.
    for fmt in ("csv", "xlsx"):
        log(f"export: {fmt}")
        export = exports.measure(fmt, env)
        if fmt == "csv":
            rows.append(
                Row(
                    "CSV export",
                    f"{export.rows:,} rows, {export.megabytes:.0f} MB: rows/s; first byte; "
                    "Python allocations at peak; process RSS before → peak",
                    f"≥ {CSV_RPS:,} rows/s, memory flat < {CSV_MB} MB",
                    f"{export.rows_per_second:,.0f} rows/s; {export.first_byte_ms:.0f} ms; "
                    f"{export.traced_peak_mb:.1f} MB; {export.rss_before_mb:.0f} → "
                    f"{export.rss_peak_mb:.0f} MB",
                    export.rows_per_second >= CSV_RPS
                    and export.traced_peak_mb < CSV_MB
                    and export.rss_peak_mb - export.rss_before_mb < CSV_MB,
                )
            )
        else:
            rows.append(
                Row(
                    "XLSX export",
                    f"{export.rows:,} rows, {export.megabytes:.0f} MB (background job's writer): "
                    "rows/s; process RSS before → peak",
                    f"≥ {XLSX_RPS:,} rows/s off the request",
                    f"{export.rows_per_second:,.0f} rows/s; {export.rss_before_mb:.0f} → "
                    f"{export.rss_peak_mb:.0f} MB",
                    export.rows_per_second >= XLSX_RPS,
                )
            )

    # 5. Reminder claim.
    log("reminder claim")
    claim = queries.measure_claim()
    rows.append(
        Row(
            "Reminder sweep",
            f"claim {claim.claimed:,} of {claim.due:,} due among {claim.total:,}: p50 / p95",
            f"≤ {CLAIM_MS} ms",
            f"{ms(claim.timing.p50)} / {ms(claim.timing.p95)}",
            claim.timing.p95 <= CLAIM_MS,
        )
    )

    # 6. Name search.
    log("name search")
    for result in queries.measure_search(membership):
        within = result.scope == "operator"
        rows.append(
            Row(
                "Name search",
                f"first 25 by name, {len(result.hits)} names in 4 scripts, "
                f"{'one operator' if within else 'nationally'}: p50 / p95",
                f"p95 ≤ {SEARCH_MS} ms" if within else "–",
                f"{ms(result.timing.p50)} / {ms(result.timing.p95)}",
                result.timing.p95 <= SEARCH_MS if within else None,
            )
        )

    # 7. Matching: a position's shortlist over the largest operator's candidates.
    log("matching shortlist")
    match = matching.measure(signed_in(lead), operator_id)
    rows += [
        Row(
            "Matching shortlist",
            f"page over {match.candidates:,} candidates ({match.scored:,} pass the hard "
            f"requirements, {match.queries} queries): p50 / p95",
            f"p95 ≤ {MATCH_MS} ms",
            f"{ms(match.page.p50)} / {ms(match.page.p95)}",
            match.page.p95 <= MATCH_MS,
        ),
        Row(
            "Matching shortlist",
            f"scoring engine alone over all {match.candidates:,} (every status): p50 / p95",
            "–",
            f"{ms(match.everyone.p50)} / {ms(match.everyone.p95)}",
            None,
        ),
    ]

    print()
    print(table(rows))
    write(rows, info, size, scale)
    log("\nWritten to docs/performance.md")
