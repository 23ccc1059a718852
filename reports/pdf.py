"""PDF rendering for reports: Django template -> HTML -> WeasyPrint -> PDF/A-3b bytes.

Security model: everything that reaches a PDF is either our own template (autoescaped, so
user data can never become markup) or one of our own static files. WeasyPrint fetches every
external resource (stylesheets, images, fonts in @font-face, SVG references, attachments)
through a URL fetcher; ours, `StaticOnlyFetcher`, never opens a socket and never reads a file
outside what the staticfiles finders return. Attachments are also stripped from the rendered
document before it is written, so nothing from HTML is ever embedded, not even a static file.
"""

from __future__ import annotations

import base64
import mimetypes
import os
import posixpath
from typing import Protocol
from urllib.parse import unquote, unquote_to_bytes, urlsplit
from urllib.request import Request

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# PDF/A-3b: archival, every font embedded, sRGB output intent. WeasyPrint 70 knows this variant
# (weasyprint.pdf.pdfa.VARIANTS) and fills in pdf_version 1.7, an identifier and the intent.
PDF_VARIANT = "pdf/a-3b"

# Relative base URLs ("/") would otherwise become file:/// in WeasyPrint (urls.ensure_url), so a
# template's "/static/..." would reach the fetcher as a file: URL. We anchor them to a reserved,
# never-resolving origin instead; the fetcher maps its /static/ paths locally and never connects.
INTERNAL_ORIGIN = "https://pdf.invalid"

# Inline images are meant for small things such as a logo or a signature; anything bigger
# belongs in static/. The cap bounds memory and time on hostile input.
MAX_DATA_URL_CHARS = 512 * 1024

ALLOWED_DATA_MIME_PREFIX = "image/"


class RefusedURLError(ValueError):
    """A resource URL that the PDF renderer will not fetch."""


class StaticOnlyFetcher(URLFetcher):
    """WeasyPrint 70 URL fetcher that serves only our static files and small data: images.

    WeasyPrint 70 takes a `weasyprint.urls.URLFetcher` instance as `url_fetcher` and calls it
    (`__call__` -> `fetch(url)`); it reads `_fail_on_errors` from it, so we subclass rather than
    pass a plain function. Raising a normal exception makes WeasyPrint log and skip the resource.
    """

    def __init__(self) -> None:
        """Build a fetcher that refuses everything but static paths and data: images."""
        # The parent installs urllib handlers (file, http, ftp, redirects); they stay unused
        # because fetch() and open() below never call OpenerDirector.open.
        super().__init__(
            allowed_protocols=("data", "http", "https"),
            allow_redirects=False,
            fail_on_errors=False,
        )
        self._static_prefix = urlsplit(settings.STATIC_URL).path

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """Return a static file or a data: image; raise RefusedURLError for anything else."""
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return self._fetch_data(url)
        if scheme in {"http", "https"}:
            return self._fetch_static(url)
        raise RefusedURLError(f"refused URL scheme {scheme or '(none)'!r}")

    def open(self, url, data=None, timeout=None):  # type: ignore[no-untyped-def]
        """Route urllib-style calls through fetch() so no urllib handler ever runs."""
        return self.fetch(url.full_url if isinstance(url, Request) else url)

    def _fetch_static(self, url: str) -> URLFetcherResponse:
        # Any host is accepted on purpose: the host is ignored and only the path is looked up
        # locally, so "http://127.0.0.1:8000/static/x.css" is served without any connection.
        path = unquote(urlsplit(url).path)
        if not path.startswith(self._static_prefix):
            raise RefusedURLError("refused URL outside STATIC_URL")
        relative = path[len(self._static_prefix) :]
        # finders use safe_join, but we refuse traversal ourselves so the guarantee is local.
        segments = relative.split("/")
        if (
            not relative
            or "\x00" in relative
            or "\\" in relative
            or relative.startswith("/")
            or any(segment in {"", ".", ".."} for segment in segments)
            or posixpath.normpath(relative) != relative
        ):
            raise RefusedURLError("refused malformed static path")
        found = finders.find(relative)
        if not isinstance(found, str) or not os.path.isfile(found):
            raise RefusedURLError("static file not found")
        with open(found, "rb") as handle:
            body = handle.read()
        content_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        if content_type.startswith("text/"):
            content_type += "; charset=utf-8"
        # Keep the http(s) URL (not file://) so WeasyPrint does not re-read the file lazily
        # and relative references inside a stylesheet resolve back through this fetcher.
        return URLFetcherResponse(url, body, {"Content-Type": content_type})

    def _fetch_data(self, url: str) -> URLFetcherResponse:
        if len(url) > MAX_DATA_URL_CHARS:
            raise RefusedURLError("refused oversized data: URL")
        header, sep, payload = url[len("data:") :].partition(",")
        if not sep:
            raise RefusedURLError("refused malformed data: URL")
        params = header.split(";")
        mime_type = params[0].strip().lower()
        if not mime_type.startswith(ALLOWED_DATA_MIME_PREFIX):
            raise RefusedURLError("refused data: URL that is not an image")
        raw = unquote_to_bytes(payload)
        if "base64" in (p.strip().lower() for p in params[1:]):
            try:
                raw = base64.b64decode(raw, validate=False)
            except ValueError as error:
                raise RefusedURLError("refused undecodable data: URL") from error
        return URLFetcherResponse(url, raw, {"Content-Type": mime_type})


def _absolute_base_url(base_url: str) -> str:
    if urlsplit(base_url).scheme:
        return base_url
    return INTERNAL_ORIGIN + "/" + base_url.lstrip("/")


def html_to_pdf(html: str, *, base_url: str = "/") -> bytes:
    """Render trusted HTML to PDF/A-3b bytes; only static files and data: images are fetched.

    No escaping happens here: callers must pass markup they wrote. Use render_pdf() for
    anything that contains user data.
    """
    document = HTML(
        string=html, base_url=_absolute_base_url(base_url), url_fetcher=StaticOnlyFetcher()
    ).render(pdf_variant=PDF_VARIANT)
    # WeasyPrint 70 has no option to turn off HTML attachments (<link rel="attachment">,
    # <a rel="attachment">); both are only fetched while writing, so dropping them here means
    # they are never fetched or embedded, even when they point at an allowed static file.
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    assert isinstance(pdf, bytes)
    return pdf


def render_pdf(*, template_name: str, context: dict, base_url: str = "/") -> bytes:
    """Render a Django template (autoescaped) to PDF/A-3b bytes with no network or file access."""
    # No request: context processors (which may hit the database) do not run for PDFs.
    html = render_to_string(template_name, context)
    return html_to_pdf(html, base_url=base_url)


class Renderer[DocumentT](Protocol):
    """Contract for every PDF document type (attests, references, ...).

    `render(document)` returns `(filename, pdf_bytes)` where:
    - filename is a bare name ending in ".pdf", with no path separators, safe to put in a
      Content-Disposition header (build it from ids and dates, never from free text);
    - pdf_bytes come from `render_pdf()`, so the PDF is PDF/A-3b, fonts are embedded, user data
      is autoescaped and nothing outside our static files is fetched or attached;
    - rendering has no side effects: no database writes, no network, no files written.
    """

    def render(self, document: DocumentT) -> tuple[str, bytes]:
        """Return (filename, PDF bytes) for one document, following the contract above."""
        ...
