"""Smoke test of the FROZEN Parallax bundle (called by .ci/bundle-smoke after the build).

    .venv/bin/python .ci/bundle_smoke.py dist/parallax out/bundle-smoke

The bundle is copied outside the source tree and run with a scrubbed environment (no PYTHONPATH,
no venv on PATH, offscreen Qt), on the seeds it carries itself, so every resource it needs must
have been collected. The checks use the venv's pypdf and Pillow; the app uses only the bundle.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_PHRASES = ("Vnukovo", "Xi Jinping")  # words of the seed articles that the briefing must carry
SCREENSHOT_SIZE = (1400, 900)  # what `parallax gui --screenshot` promises (desktop/commands/gui.py)
STYLES = ("apa", "chicago", "chicago-notes", "mla", "harvard")  # the built-in styles (resources/csl)
BUNDLED_PREFIXES = ("libQt6", "libpyside6", "libshiboken6", "libicu", "libpython")

failures: list[str] = []


def check(ok: bool, what: str) -> None:
    print(f"  {'ok  ' if ok else 'FAIL'} {what}", flush=True)
    if not ok:
        failures.append(what)


def run(exe: Path, *args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    print(f"$ parallax {' '.join(args)}", flush=True)
    return subprocess.run([str(exe), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def clean(done: subprocess.CompletedProcess[str], what: str) -> bool:
    ok = done.returncode == 0 and "Traceback" not in done.stderr
    check(ok, f"{what} exits 0 without a traceback")
    if not ok:
        print(done.stderr[-3000:], file=sys.stderr)
    return ok


def check_pdf(path: Path) -> None:
    from pypdf import PdfReader

    check(path.is_file() and path.stat().st_size > 1000, f"{path.name} written")
    if not path.is_file():
        return
    reader = PdfReader(str(path))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))
    check(len(reader.pages) >= 1, f"{path.name} has {len(reader.pages)} pages")
    for phrase in SEED_PHRASES:
        check(phrase in text, f"{path.name} contains the seed phrase {phrase!r}")
    fonts = {str(font.get_object().get("/BaseFont")) for page in reader.pages
             for font in (page.get("/Resources", {}).get_object().get("/Font", {}) or {}).values()}
    check(any("DejaVu" in f for f in fonts), f"{path.name} embeds the bundled DejaVu font ({sorted(fonts)})")
    if shutil.which("qpdf"):
        qpdf = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        check(qpdf.returncode == 0, f"qpdf --check {path.name}")


def check_png(path: Path) -> None:
    from PIL import Image

    check(path.is_file(), f"{path.name} written")
    if not path.is_file():
        return
    with Image.open(path) as image:
        check(image.size == SCREENSHOT_SIZE, f"{path.name} is {image.size}, expected {SCREENSHOT_SIZE}")
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20) or []
        top = max(count for count, _ in colours) / (rgb.width * rgb.height) if colours else 1.0
        dark = sum(count for count, (r, g, b) in colours if r + g + b < 200)
    check(len(colours) >= 50, f"{path.name} is not blank ({len(colours)} colours)")
    check(top < 0.9, f"{path.name} is not one flat colour (largest colour {top:.0%} of the pixels)")
    check(dark > 500, f"{path.name} shows dark text ({dark} dark pixels)")


def encrypted_pdfs(folder: Path) -> list[Path]:
    """One PDF per cipher pypdf decrypts, each encrypted for permissions only (empty user password)."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    plain = folder / "plain.pdf"
    pdf = canvas.Canvas(str(plain))
    pdf.drawString(72, 720, "Xi Jinping left Moscow from Vnukovo airport on Wednesday.")
    pdf.save()
    paths = []
    for algorithm in ("RC4-128", "AES-128", "AES-256"):
        writer = PdfWriter(clone_from=PdfReader(plain))
        writer.encrypt(user_password="", owner_password="owner", algorithm=algorithm)
        paths.append(folder / f"{algorithm}.pdf")
        with paths[-1].open("wb") as handle:
            writer.write(handle)
    return paths


def sample_sources(folder: Path) -> dict[str, tuple[str, str]]:
    """One file per format the loaders read -> (a phrase of its text, a metadata value it carries)."""
    from docx import Document
    from reportlab.pdfgen import canvas

    (folder / "de.html").write_text(
        '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Xi verlässt Moskau</title>'
        '<meta property="og:site_name" content="Beispielzeitung"><meta name="author" content="Maria Silva">'
        '</head><body><nav>Politik Wirtschaft</nav><article><h1>Xi verlässt Moskau</h1>'
        "<p>Der chinesische Präsident Xi Jinping hat Moskau am Mittwoch nach einem Gipfel verlassen.</p>"
        "<p>Sein Flugzeug startete vom Flughafen Wnukowo nach einer Abschiedszeremonie.</p>"
        "</article></body></html>", encoding="utf-8")
    document = Document()
    document.core_properties.author = "Maria Silva"
    document.add_paragraph("Xi's plane took off from Vnukovo airport after a farewell ceremony.")
    document.save(folder / "en.docx")
    pdf = canvas.Canvas(str(folder / "en.pdf"))
    pdf.setTitle("Xi leaves Moscow")
    pdf.drawString(72, 720, "The Chinese leader's aircraft left Vnukovo airport after a ceremony.")
    pdf.save()
    (folder / "ru.txt").write_bytes("Самолёт Си Цзиньпина вылетел из аэропорта Внуково.\n".encode("cp1251"))
    (folder / "zh.md").write_text("# 习近平离开莫斯科\n\n他的飞机从伏努科沃机场起飞。😀\n", encoding="utf-8")
    return {"de.html": ("Wnukowo", "Beispielzeitung"), "en.docx": ("Vnukovo", "Maria Silva"),
            "en.pdf": ("Vnukovo airport", "Xi leaves Moscow"), "ru.txt": ("Внуково", "ru"),
            "zh.md": ("伏努科沃机场", "😀")}


def check_libraries(internal: Path) -> None:
    """Qt, ICU, PySide and Python libraries must resolve inside the bundle, never from the system."""
    if not sys.platform.startswith("linux") or not shutil.which("ldd"):
        return
    env = {"LD_LIBRARY_PATH": str(internal), "PATH": "/usr/bin:/bin"}
    wrong, missing = [], set()
    for lib in internal.rglob("*.so*"):
        if lib.is_symlink() or not lib.is_file():
            continue
        out = subprocess.run(["ldd", str(lib)], env=env, capture_output=True, text=True).stdout
        for name, target in re.findall(r"^\s*(\S+) => (.*?)(?: \(0x[0-9a-f]+\))?$", out, re.M):
            if target == "not found":
                missing.add(name)
            if name.startswith(BUNDLED_PREFIXES) and not target.startswith(str(internal)):
                wrong.append(f"{lib.relative_to(internal)} -> {name} ({target})")
    check(not wrong, "Qt/ICU/PySide/Python libraries resolve inside the bundle" + "".join(
        f"\n        {w}" for w in wrong[:10]))
    if missing:  # system libraries absent from this machine: a note, not a failure of the bundle
        print(f"  note: system libraries not installed here: {', '.join(sorted(missing))}")


def main() -> int:
    dist, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="parallax-smoke-") as tmp:
        work = Path(tmp)
        app = work / "parallax"
        shutil.copytree(dist, app, symlinks=True)
        exe = app / "parallax"
        internal = app / "_internal"
        seeds = sorted(str(p) for p in (internal / "seeds").glob("*.txt"))
        env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
               "XDG_RUNTIME_DIR": str(work)}
        check(len(seeds) >= 2, f"the bundle carries the seeds ({len(seeds)} files)")
        check((internal / "resources" / "fonts" / "DejaVuSans.ttf").is_file(), "the bundle carries the fonts")

        done = run(exe, "--version", cwd=work, env=env)
        check(done.stdout.strip() == f"parallax {version}", f"--version says {done.stdout.strip()!r}")

        done = run(exe, "align", *seeds[:2], "--color", "never", cwd=work, env=env)
        if clean(done, "align"):
            (out / "align.txt").write_text(done.stdout, encoding="utf-8")
            quiet = done.stderr.strip()
            check(not quiet, f"align writes nothing to stderr ({quiet[:300]!r})")
            check("Vnukovo" in done.stdout, "align shows the seed text")

        # Same inputs, same answer: a data file or model missing from the bundle (the static or
        # the same-fact model, say) would make the frozen aligner fall back and differ from source.
        repo_seeds = [str(REPO / "seeds" / Path(s).name) for s in seeds[:2]]
        frozen = run(exe, "align", *repo_seeds, "--json", cwd=work, env=env)
        source = subprocess.run([sys.executable, "-m", "desktop", "align", *repo_seeds, "--json"], cwd=REPO,
                                env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True)
        check(frozen.returncode == 0 and source.returncode == 0 and frozen.stdout == source.stdout,
              "align --json of the frozen app equals the source's")
        runtime = re.search(r'"reader_runtime": "(\w*)"', frozen.stdout)
        check(runtime is not None and runtime.group(1) == "onnxruntime",
              f"the frozen reader runs on onnxruntime ({runtime.group(1) if runtime else 'no record'})")

        pdf = out / "briefing.pdf"
        pdf.unlink(missing_ok=True)
        done = run(exe, "brief", *seeds[:2], "-o", str(pdf), "--title", "Xi in Moscow: two reports compared",
                   cwd=work, env=env)
        if clean(done, "brief"):
            check_pdf(pdf)

        done = run(exe, "cite", "--list-styles", cwd=work, env=env)
        if clean(done, "cite --list-styles"):
            listed = {line.split("\t")[0] for line in done.stdout.splitlines()}
            check(set(STYLES) <= listed, f"cite lists the built-in styles ({sorted(listed)})")
        for style in STYLES:
            done = run(exe, "cite", seeds[0], "--style", style, cwd=work, env=env)
            if clean(done, f"cite --style {style}"):
                check(bool(done.stdout.strip()), f"cite --style {style} prints a reference")
                with (out / "cite.txt").open("a" if style != STYLES[0] else "w", encoding="utf-8") as f:
                    f.write(f"{style}: {done.stdout}")

        png = out / "workbench.png"
        png.unlink(missing_ok=True)
        done = run(exe, "gui", *seeds[:2], "--screenshot", str(png), cwd=work, env=env)
        if clean(done, "gui --screenshot"):
            check_png(png)

        # Every loader (trafilatura with its data files, python-docx, pypdf, charset detection).
        for name, (phrase, value) in sample_sources(work).items():
            done = run(exe, "align", str(work / name), seeds[0], "--json", cwd=work, env=env)
            check(done.returncode == 0 and phrase in done.stdout and value in done.stdout,
                  f"reads {name} with its text and metadata"
                  + ("" if done.returncode == 0 else f": {done.stderr.strip()[-200:]}"))

        # pycryptodome's cipher libraries are picked by name in build.spec (CRYPTO_LIBS).
        for path in encrypted_pdfs(work):
            done = run(exe, "align", str(path), seeds[1], "--json", cwd=work, env=env)
            check(done.returncode == 0 and "Vnukovo" in done.stdout, f"opens a PDF encrypted with {path.stem}"
                  + ("" if done.returncode == 0 else f": {done.stderr.strip()[-200:]}"))

        # Three sources: the pairs are aligned in forked worker processes of the frozen program.
        third = encrypted_pdfs(work)[0]
        done = run(exe, "align", *seeds[:2], str(third), "--json", cwd=work, env=env)
        check(done.returncode == 0 and '"facts"' in done.stdout and "Vnukovo" in done.stdout,
              "aligns three sources (worker processes)"
              + ("" if done.returncode == 0 else f": {done.stderr.strip()[-200:]}"))

        done = run(exe, "align", str(work / "missing.txt"), seeds[0], cwd=work, env=env)
        check(done.returncode == 2 and done.stderr.startswith("parallax:") and "Traceback" not in done.stderr,
              f"a missing file is a clear error, not a traceback ({done.stderr.strip()[:100]!r})")

        check_libraries(internal)
        icu = [lib for lib in (internal / "PySide6" / "Qt" / "lib").glob("libicudata.so.*") if lib.is_file()]
        icu_sizes = ", ".join(f"{lib.stat().st_size / 1e6:.1f} MB" for lib in icu)
        check(len(icu) == 1 and icu[0].stat().st_size < 8_000_000,
              f"Qt's ICU data is the reduced build ({icu_sizes}; the wheel's is 32 MB)")
    print(f"bundle-smoke: {'FAILED: ' + str(len(failures)) + ' checks' if failures else 'all checks passed'}"
          f"; outputs in {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
