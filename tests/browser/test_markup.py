"""Gate: every HTML page of the permission matrix, in bokmål, nynorsk and English, is valid HTML
by the Nu HTML Checker (vnu).

The pages are the ones the axe scan opens (tests/browser/test_accessibility.py ``pages_by_role``),
rendered through the test client and checked together in one run of vnu.jar, since starting the
JVM costs seconds. .ci/run installs vnu-jar from npm into var/node/ (git-ignored); locally a
missing Java or vnu.jar skips, under CI it fails.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

from tests.browser.test_accessibility import pages_by_role
from tests.conftest import World, require

VNU_JAR = Path(settings.BASE_DIR) / "var" / "node" / "node_modules" / "vnu-jar" / "build" / "dist"
VNU_JAR = VNU_JAR / "vnu.jar"
INSTALL = "npm install --prefix var/node --ignore-scripts vnu-jar"


def vnu_command() -> list[str]:
    java = shutil.which("java")
    require(bool(java), "Java is not installed (apt-get install default-jre-headless)")
    require(VNU_JAR.is_file(), f"the Nu HTML checker is not installed ({INSTALL})")
    return [str(java), "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def validate(files: list[Path]) -> list[dict]:
    """vnu's error messages for ``files``, checked in one run (it reports JSON on stderr)."""
    run = subprocess.run(
        [*vnu_command(), *map(str, files)], capture_output=True, text=True, timeout=300
    )
    report = json.loads(run.stderr or "{}")
    assert run.returncode in (0, 1), run.stderr
    return [m for m in report.get("messages", []) if m.get("type") != "info"]


def test_every_page_is_valid_html(world: World, tmp_path: Path) -> None:
    command = vnu_command()  # skip (or fail under CI) before rendering anything
    assert command
    files: dict[str, str] = {}
    plan = pages_by_role(world)
    # Every page in each language: a translation can break markup too (a stray tag in a msgstr).
    for language in ("nb", "nn", "en"):
        for role, urls in plan.items():
            client = world.client_for(role)
            client.cookies["django_language"] = language
            for url in urls:
                response = client.get(url)
                assert response.status_code == 200, (language, role, url)
                assert response["Content-Type"].startswith("text/html"), (role, url)
                name = f"{len(files):03d}-{language}-{role}-{re.sub(r'[^a-z0-9]+', '-', url)}.html"
                (tmp_path / name).write_bytes(response.content)
                files[name] = f"{language} {role} {url}"
    assert len(files) >= 30
    errors = validate([tmp_path / name for name in files])
    found = sorted(
        f"{files.get(Path(m.get('url', '')).name, m.get('url'))} "
        f"line {m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()}]"
        for m in errors
    )
    assert found == []


def test_the_checker_can_fail(tmp_path: Path) -> None:
    """A page with known faults must produce errors, or the check above proves nothing."""
    vnu_command()
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><p><div>x</div></p><a href="#" href="#">y</a></body></html>'
    )
    messages = [m["message"] for m in validate([page])]
    assert any("“p” element in scope" in m for m in messages), messages
    assert any("Duplicate attribute" in m for m in messages), messages
