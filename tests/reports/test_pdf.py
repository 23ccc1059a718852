"""PDF foundation: names in many scripts survive, fonts are embedded, nothing leaks in or out."""

import base64
import http.server
import re
import shutil
import socket
import statistics
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from weasyprint import HTML
from weasyprint.urls import URLFetchingError, fetch

from reports.pdf import (
    RefusedURLError,
    StaticOnlyFetcher,
    _absolute_base_url,
    html_to_pdf,
    render_pdf,
)
from tests.conftest import require, require_noto_fonts

TEST_TEMPLATES = Path(__file__).parent / "templates"
NAMES_TEMPLATE = "reports_test/names.html"

NAMES = {
    "arabic": "محمد حسين",
    "persian": "فاطمه رضایی",
    "tigrinya": "ተስፋይ ሃይለ",
    "amharic": "አበበ በቀለ",
    "somali": "Cabdullaahi Maxamed",
    "ukrainian": "Олена Шевченко",
    "norwegian": "Åse Øyen Ærø",
    "armenian": "Անի Պետրոսյան",
    "georgian": "ნინო ბერიძე",
}

# pdftotext wraps right-to-left runs in embedding controls (U+202A..U+202E); they are
# extraction artefacts, not text we wrote, so they are removed before comparing.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

# A 1x1 transparent PNG, small enough for a data: URL.
PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def tool(name: str) -> str:
    path = shutil.which(name)
    require(bool(path), f"poppler-utils' {name} is not installed")
    return str(path)


def pdftotext(pdf: bytes, tmp_path: Path, *flags: str) -> str:
    source = tmp_path / "out.pdf"
    source.write_bytes(pdf)
    return subprocess.run(
        [tool("pdftotext"), *flags, str(source), "-"], capture_output=True, text=True, check=True
    ).stdout


def text_lines(pdf: bytes, tmp_path: Path, *flags: str) -> list[str]:
    """Lines of extracted text with bidi controls removed and whitespace collapsed."""
    text = BIDI_CONTROLS.sub("", pdftotext(pdf, tmp_path, *flags))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def embedded_file_count(pdf: bytes, tmp_path: Path) -> int:
    # pypdf is not installed; poppler's pdfdetach counts both the EmbeddedFiles name tree
    # and FileAttachment annotations (checked against a positive control below).
    source = tmp_path / "detach.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        [tool("pdfdetach"), "-list", str(source)], capture_output=True, text=True, check=True
    ).stdout
    match = re.match(r"(\d+) embedded files", out)
    assert match, out
    return int(match[1])


@pytest.fixture(autouse=True)
def test_templates(settings):  # type: ignore[no-untyped-def]
    """Put tests/reports/templates first so production templates hold no test documents."""
    engine = dict(django_settings.TEMPLATES[0])
    engine["DIRS"] = [TEST_TEMPLATES, *engine["DIRS"]]
    settings.TEMPLATES = [engine]


class HitRecorder(http.server.ThreadingHTTPServer):
    hits: list[str]


@pytest.fixture
def trap_server() -> Iterator[HitRecorder]:
    """A local HTTP server that records every request; a PDF render must never reach it."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.server.hits.append(self.path)  # type: ignore[attr-defined]
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG_1X1)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = HitRecorder(("127.0.0.1", 0), Handler)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # Prove the recorder records, so "0 hits" later means something.
    port = server.server_address[1]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/probe", timeout=5) as response:  # noqa: S310
        assert response.read() == PNG_1X1
    assert server.hits == ["/probe"]
    server.hits.clear()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record and block every outgoing connection or DNS lookup made from now on."""
    attempts: list[object] = []

    def blocked_connect(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network blocked by test")

    def blocked_getaddrinfo(host: object, *args: object, **kwargs: object) -> None:
        attempts.append(host)
        raise OSError("DNS blocked by test")

    monkeypatch.setattr(socket.socket, "connect", blocked_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", blocked_connect)
    monkeypatch.setattr(socket, "getaddrinfo", blocked_getaddrinfo)
    return attempts


# --- Names in many scripts ---------------------------------------------------------------


def test_names_in_many_scripts_round_trip_through_pdftotext(tmp_path: Path) -> None:
    require_noto_fonts()
    pdf = render_pdf(template_name=NAMES_TEMPLATE, context={"names": list(NAMES.values())})
    assert pdf.startswith(b"%PDF-1.7")
    lines = text_lines(pdf, tmp_path, "-layout")
    for script, name in NAMES.items():
        # Arabic and Persian come out of -layout in logical order inside U+202B..U+202C; with
        # those controls removed every name is byte-for-byte what we put in.
        assert name in lines, f"{script}: {name!r} not in {lines!r}"


def test_persian_zero_width_non_joiner_is_lost_only_in_text_extraction(tmp_path: Path) -> None:
    require_noto_fonts()
    # ZWNJ (U+200C) shapes correctly (checked visually with pdftoppm) but has no glyph, so
    # pdftotext cannot give it back: the exact property is "equal once ZWNJ is removed".
    name = "زهرا نیک\u200cنام"
    pdf = render_pdf(template_name=NAMES_TEMPLATE, context={"names": [name]})
    lines = text_lines(pdf, tmp_path, "-layout")
    assert name not in lines
    assert name.replace("\u200c", "") in lines


def test_name_element_keeps_following_digits_out_of_the_arabic_run(tmp_path: Path) -> None:
    require_noto_fonts()

    # WeasyPrint 70 ignores `unicode-bidi` (it logs "not supported yet"), but each element's
    # text is shaped as its own run, so a .name element is isolated in practice: the year stays
    # to the right of the whole Arabic name instead of being pulled into it.
    def x_positions(body: str) -> dict[str, float]:
        pdf = html_to_pdf(f'<link rel="stylesheet" href="/static/css/print.css"><p>{body}</p>')
        bbox = pdftotext(pdf, tmp_path, "-bbox")
        words = re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', bbox)
        return {word: float(x) for x, word in words}

    isolated = x_positions('Navn: <span class="name">محمد حسين</span> 2001')
    arabic_words = [x for word, x in isolated.items() if re.search("[\u0600-\u06ff]", word)]
    assert len(arabic_words) == 2
    assert isolated["2001"] > max(arabic_words)

    # Control: without the element boundary the digits join the right-to-left run.
    mixed = x_positions("Navn: محمد حسين 2001")
    assert mixed["2001"] < min(x for word, x in mixed.items() if re.search("[\u0600-\u06ff]", word))


def test_every_font_is_embedded(tmp_path: Path) -> None:
    require_noto_fonts()
    pdf = render_pdf(template_name=NAMES_TEMPLATE, context={"names": list(NAMES.values())})
    source = tmp_path / "fonts.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        [tool("pdffonts"), str(source)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    header, dashes, *rows = out
    # Column spans come from the dashed rule because the "type" column contains spaces.
    spans = [m.span() for m in re.finditer(r"-+", dashes)]
    emb = next(span for span in spans if header[span[0] : span[1]].strip() == "emb")
    fonts = {row[: spans[0][1]].strip(): row[emb[0] : emb[1]].strip() for row in rows}
    assert len(fonts) >= 4, fonts  # Latin, bold Latin, Arabic, Ethiopic at least
    assert all(value == "yes" for value in fonts.values()), fonts
    assert any("Naskh-Arabic" in font for font in fonts), fonts
    assert any("Ethiopic" in font for font in fonts), fonts
    assert any("Armenian" in font for font in fonts), fonts
    assert any("Georgian" in font for font in fonts), fonts


# --- Static files -------------------------------------------------------------------------


def test_print_css_is_fetched_and_numbers_the_pages(tmp_path: Path) -> None:
    pdf = render_pdf(template_name=NAMES_TEMPLATE, context={"names": ["Åse"]})
    # -layout squeezes the footer to "1/1"; -raw keeps the spaces the stylesheet wrote.
    assert "1 / 1" in text_lines(pdf, tmp_path, "-raw")
    info = subprocess.run(
        [tool("pdfinfo"), str(tmp_path / "out.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Page size:.*\(A4\)$", info, re.MULTILINE), info
    # The title block is one line in base.html; WeasyPrint would keep any whitespace around it.
    assert re.search(r"^Title:\s+Names$", info, re.MULTILINE), info


def test_fetcher_serves_static_paths_on_any_host_without_connecting(
    trap_server: HitRecorder, no_network: list[object]
) -> None:
    expected = (Path(django_settings.BASE_DIR) / "static/css/print.css").read_bytes()
    port = trap_server.server_address[1]
    fetcher = StaticOnlyFetcher()
    for url in (
        "https://pdf.invalid/static/css/print.css",
        f"http://127.0.0.1:{port}/static/css/print.css",
        "https://example.com/static/css/print.css?v=1#x",
    ):
        response = fetcher(url)
        assert response.read() == expected, url
        assert response.content_type == "text/css", url
        assert response.url == url  # never rewritten to file://
    assert trap_server.hits == []
    assert no_network == []


def test_fetcher_serves_small_data_images_only() -> None:
    fetcher = StaticOnlyFetcher()
    encoded = base64.b64encode(PNG_1X1).decode()
    response = fetcher(f"data:image/png;base64,{encoded}")
    assert response.read() == PNG_1X1
    assert response.content_type == "image/png"
    for url in (
        "data:text/html,<script>alert(1)</script>",
        "data:text/css,body{background:url(file:///etc/passwd)}",
        "data:,plain",
        "data:image/png;base64," + "A" * 600_000,
    ):
        with pytest.raises(RefusedURLError):
            fetcher(url)


# --- Hostile input ------------------------------------------------------------------------


def hostile_urls(port: int) -> list[str]:
    return [
        "file:///etc/passwd",
        "file:///etc/hostname",
        "file:///static/css/print.css",  # static path, but file: is never allowed
        f"http://127.0.0.1:{port}/x.png",
        f"https://127.0.0.1:{port}/x.png",
        "https://example.com/x.png",
        "ftp://example.com/x.png",
        "gopher://example.com/x",
        "javascript:alert(1)",
        f"http://127.0.0.1:{port}/static/../../etc/passwd",
        "https://pdf.invalid/static/%2e%2e/%2e%2e/etc/passwd",
        "https://pdf.invalid/static/css/..%2f..%2f..%2fetc/passwd",
        "https://pdf.invalid/static/",
        "https://pdf.invalid/static/does-not-exist.png",
        "https://pdf.invalid/etc/passwd",
    ]


def test_fetcher_itself_refuses_everything_but_static(
    trap_server: HitRecorder, no_network: list[object]
) -> None:
    fetcher = StaticOnlyFetcher()
    for url in hostile_urls(trap_server.server_address[1]):
        with pytest.raises(RefusedURLError):
            fetcher(url)
        # WeasyPrint turns the refusal into a non-fatal URLFetchingError: it skips the resource.
        with pytest.raises(URLFetchingError), fetch(fetcher, url):
            pass
    assert trap_server.hits == []
    assert no_network == []


def test_hostile_context_values_are_escaped_and_fetch_nothing(
    trap_server: HitRecorder, no_network: list[object], tmp_path: Path
) -> None:
    port = trap_server.server_address[1]
    hostile = [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/hostname">',
        f'<img src="http://127.0.0.1:{port}/x.png">',
    ]
    started = time.perf_counter()
    pdf = render_pdf(template_name=NAMES_TEMPLATE, context={"names": hostile})
    elapsed = time.perf_counter() - started
    assert elapsed < 10
    assert trap_server.hits == []
    assert no_network == []
    assert embedded_file_count(pdf, tmp_path) == 0
    # Autoescaping made the markup visible text rather than elements.
    lines = text_lines(pdf, tmp_path, "-layout")
    assert '<img src="file:///etc/passwd">' in lines


def test_raw_hostile_html_fetches_and_embeds_nothing(
    trap_server: HitRecorder,
    no_network: list[object],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # html_to_pdf bypasses the template, so this exercises the fetcher and attachment
    # stripping on real markup, as if escaping had failed.
    port = trap_server.server_address[1]
    trap = f"http://127.0.0.1:{port}"
    html = f"""<!DOCTYPE html><html lang="nb"><head>
      <link rel="stylesheet" href="/static/css/print.css">
      <link rel="stylesheet" href="{trap}/evil.css">
      <style>@import url("{trap}/import.css");
        @font-face {{ font-family: Evil; src: url("{trap}/font.woff2"); }}
        body {{ background-image: url("file:///etc/passwd"); font-family: Evil, sans-serif; }}
      </style>
      <link rel="attachment" href="file:///etc/hostname">
      <link rel="attachment" href="{trap}/link-attachment.bin">
      <link rel="attachment" href="/static/css/print.css">
    </head><body>
      <img src="file:///etc/passwd">
      <img src="{trap}/x.png">
      <img src="ftp://example.com/x.png">
      <img src="https://example.com/x.png">
      <a rel="attachment" href="file:///etc/hostname">a1</a>
      <a rel="attachment" href="{trap}/a-attachment.bin">a2</a>
      <a rel="attachment" href="/static/css/print.css">a3</a>
      <object data="{trap}/object.svg"></object>
      <embed src="{trap}/embed.svg">
      <iframe src="{trap}/frame.html"></iframe>
      <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
        <image href="{trap}/svg-image.png" width="10" height="10"/>
      </svg>
      <p>Body text</p>
    </body></html>"""
    started = time.perf_counter()
    pdf = html_to_pdf(html)
    elapsed = time.perf_counter() - started
    assert elapsed < 10
    assert trap_server.hits == []
    assert no_network == []
    # Static-file attachments are dropped too, although the fetcher would serve the file.
    assert embedded_file_count(pdf, tmp_path) == 0
    lines = text_lines(pdf, tmp_path, "-raw")
    assert "Body text" in lines
    assert "1 / 1" in lines  # the allowed stylesheet still applied
    # The refusals came from our fetcher, not from some other failure.
    assert "RefusedURLError" in caplog.text
    assert "file:///etc/passwd" in caplog.text


def test_attachment_detection_has_a_positive_control(tmp_path: Path) -> None:
    # Plain WeasyPrint with the same fetcher does embed a static attachment, so
    # "0 embedded files" above is due to html_to_pdf's stripping, and pdfdetach can see it.
    html = (
        '<link rel="attachment" href="/static/css/print.css">'
        '<p><a rel="attachment" href="/static/css/print.css">a</a></p>'
    )
    pdf = HTML(
        string=html, base_url=_absolute_base_url("/"), url_fetcher=StaticOnlyFetcher()
    ).write_pdf()
    assert embedded_file_count(pdf, tmp_path) >= 1
    assert embedded_file_count(html_to_pdf(html), tmp_path) == 0


# --- Speed --------------------------------------------------------------------------------


def test_one_page_renders_quickly_when_warm() -> None:
    context = {"names": list(NAMES.values())}
    started = time.perf_counter()
    render_pdf(template_name=NAMES_TEMPLATE, context=context)
    first_ms = (time.perf_counter() - started) * 1000
    warm_ms = []
    for _ in range(5):
        started = time.perf_counter()
        render_pdf(template_name=NAMES_TEMPLATE, context=context)
        warm_ms.append((time.perf_counter() - started) * 1000)
    median = statistics.median(warm_ms)
    print(
        f"\nPDF one page: first in this test {first_ms:.0f} ms, warm median {median:.0f} ms "
        f"(min {min(warm_ms):.0f}, max {max(warm_ms):.0f})"
    )
    assert median < 2000
