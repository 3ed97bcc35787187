"""The PDFs carry no file from outside the project, whatever a text or page links to.

Checked with poppler on real handbooks: ``pdfdetach -list`` (attachments),
``pdfimages -list`` (embedded images) and ``pdftotext``.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.pdf import PdfError, make_handbook, settings_from_mkdocs
from builder.pdf.fetcher import ProjectFetcher, allowed_roots

SITE = Path(__file__).parent / "fixtures" / "site"
HOSTNAME = Path("/etc/hostname").read_text().strip() or "no-hostname"


def attacks(up: str) -> str:
    """Hostile HTML and Markdown; ``up`` leads from where it is written to outside the project."""
    return (
        '<link rel="attachment" href="file:///etc/passwd">\n\n'
        f'<a rel="attachment" href="{up}secret.txt">the secret</a>\n\n'
        '<img src="file:///etc/hostname" alt="host">\n\n'
        f'<img src="{up}secret.png" alt="png">\n\n'
        f'![png]({up}secret.png)\n\n'
        '![remote](https://example.org/tracker.png)\n\n'
        '<object data="file:///etc/passwd"></object>'
    )



def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture course inside tmp/project, a secret beside it, and hostile texts."""
    root = tmp_path / "project"
    shutil.copytree(SITE, root)
    (tmp_path / "secret.txt").write_text("TOP-SECRET-TOKEN\n")
    shutil.copy(Path(__file__).parent.parent / "content/en/assets/logo.svg", tmp_path / "x.svg")
    png = subprocess.run(["python3", "-c", "import sys,zlib,struct\n"
                          "raw=b'\\x00\\xff\\x00\\x00'\n"
                          "def c(t,d): return struct.pack('>I',len(d))+t+d+struct.pack('>I',"
                          "zlib.crc32(t+d))\n"
                          "sys.stdout.buffer.write(b'\\x89PNG\\r\\n\\x1a\\n'+c(b'IHDR',"
                          "struct.pack('>IIBBBBB',1,1,8,2,0,0,0))+c(b'IDAT',zlib.compress(raw))"
                          "+c(b'IEND',b''))"], capture_output=True, check=True).stdout
    (tmp_path / "secret.png").write_bytes(png)
    soup = root / "scenarios" / "cold-soup.yaml"
    text = soup.read_text(encoding="utf-8")
    story = "story: |\n" + "".join(f"  {line}\n" for line in attacks("../").splitlines())
    soup.write_text(text.replace("story: |\n  ", story + "  ", 1), encoding="utf-8")
    page = root / "content" / "en" / "pillars" / "care.md"  # a hand-written page, raw HTML too
    page.write_text(page.read_text(encoding="utf-8") + "\n" + attacks("../../../../") + "\n",
                    encoding="utf-8")
    return root


def test_handbook_carries_nothing_from_outside(project: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:
    settings = settings_from_mkdocs(project / "mkdocs.yml")
    out = project / "handbook.pdf"
    with caplog.at_level(logging.WARNING, logger="carecourse"):
        make_handbook(project, "en", out, settings=settings)
    attachments = run("pdfdetach", "-list", out)
    assert attachments.strip().splitlines()[0].startswith("0 embedded files"), attachments
    images = run("pdfimages", "-list", out).strip().splitlines()[2:]
    assert images == [], "no image from outside the project"
    text = run("pdftotext", out, "-")
    assert "TOP-SECRET" not in text and "root:x:" not in text
    assert HOSTNAME not in text.replace("\n", " ") or HOSTNAME in ("localhost",)
    assert "the secret" in text  # the words of the link stay
    warnings = [r.getMessage() for r in caplog.records]
    assert any("secret.png was left out of handbook.pdf" in w for w in warnings), warnings
    assert any(re.search(r"cold-soup\.yaml:\d+:\d+: warning: story: .*secret\.png was left out", w)
               for w in warnings), warnings
    # the hand-written page is not sanitised (trusted), so the fetcher refuses what it links
    refused = [w for w in warnings if "was left out of handbook.pdf" in w]
    assert any("file:///etc/hostname was left out" in w for w in refused)
    assert all(re.match(r"^\S+\.(yaml|md):\d+:\d+: warning: ", w) for w in refused), refused


def test_fetcher_allows_only_the_project(project: Path) -> None:
    settings = settings_from_mkdocs(project / "mkdocs.yml")
    fetcher = ProjectFetcher(allowed_roots(settings, project))
    inside = (project / "content" / "en" / "index.md").as_uri()
    assert fetcher.allows(inside)
    assert fetcher.allows("data:text/plain,hello")
    for url in ("file:///etc/passwd", (project / "mkdocs.yml").as_uri(),
                (project / "content" / ".." / ".." / "secret.txt").as_uri(),
                "https://example.org/x.png", "http://127.0.0.1/", "ftp://x/y"):
        assert not fetcher.allows(url), url
    link = project / "content" / "en" / "link.txt"
    link.symlink_to("/etc/passwd")
    assert not fetcher.allows(link.as_uri()), "a symlink out of the project is refused"


def test_logo_outside_the_project_is_an_error(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "pass_mark: 75", "pass_mark: 75\n      logo: ../x.svg"))
    with pytest.raises(PdfError, match="outside the project folder"):
        settings_from_mkdocs(config)
