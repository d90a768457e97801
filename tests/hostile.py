"""Small valid and hostile input files for the hostile-input, no-network and fuzz tests.

Every remote reference points at ``127.0.0.1:9`` (discard) or ``.invalid`` names, so a reader that
did reach out would be caught by the network guard without touching the world.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

REMOTE = "http://127.0.0.1:9"
PARAGRAPHS = ["Putin met Xi in Moscow on Monday, and they signed 12 agreements.",
              "The talks lasted two days, officials said."]

# -- plain formats -----------------------------------------------------------------------------

TXT = ("Title: Xi meets Putin\n\n" + "\n\n".join(PARAGRAPHS) + f"\n\nMore at {REMOTE}/more.\n").encode()

MARKDOWN = (
    "---\ntitle: Xi meets Putin\nauthor: Maria Silva\n---\n# Xi meets Putin\n\n"
    f"{PARAGRAPHS[0]} ![photo]({REMOTE}/photo.png)\n\n"
    f"{PARAGRAPHS[1]} [more]({REMOTE}/more) <img src=\"{REMOTE}/raw.png\">\n\n"
    f"<script src=\"{REMOTE}/x.js\"></script>\n<iframe src=\"{REMOTE}/frame\"></iframe>\n"
).encode()

HTML = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Xi meets Putin</title>
<meta http-equiv="refresh" content="0; url={REMOTE}/refresh">
<base href="{REMOTE}/base/">
<link rel="stylesheet" href="{REMOTE}/style.css">
<link rel="preload" href="{REMOTE}/font.woff2" as="font">
<link rel="dns-prefetch" href="//tracker.invalid">
<style>@import url("{REMOTE}/import.css"); body {{ background: url({REMOTE}/bg.png); }}</style>
<script src="{REMOTE}/tracker.js"></script>
<script>fetch("{REMOTE}/beacon"); new Image().src = "{REMOTE}/pixel.gif";</script>
</head><body>
<iframe src="{REMOTE}/frame.html"></iframe>
<object data="{REMOTE}/object.swf"></object><embed src="{REMOTE}/embed.swf">
<article><h1>Xi meets Putin</h1>
<p>{PARAGRAPHS[0]} <img src="{REMOTE}/photo.jpg" srcset="{REMOTE}/photo2.jpg 2x"></p>
<p>{PARAGRAPHS[1]} <a href="{REMOTE}/link">More</a></p>
<video src="{REMOTE}/video.mp4" poster="{REMOTE}/poster.jpg"></video>
</article></body></html>""".encode()


# -- DOCX ----------------------------------------------------------------------------------------

def docx_bytes(paragraphs: list[str] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs or PARAGRAPHS:
        document.add_paragraph(text)
    document.core_properties.title = "Xi meets Putin"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rewrite_zip(data: bytes, change: dict[str, object]) -> bytes:
    """A copy of a ZIP archive with members replaced (bytes), edited (a function of the old
    bytes) or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            content = old.read(item.filename)
            edit = change.get(item.filename)
            new.writestr(item, edit(content) if callable(edit) else edit if edit is not None else content)
        for name, content in change.items():
            if name not in old.namelist():
                new.writestr(name, content)
    return out.getvalue()


def _with_doctype(xml: bytes, doctype: str, text: str) -> bytes:
    head, rest = xml.decode().split("?>", 1)
    return (head + "?>" + doctype + rest).replace("PLACEHOLDER", text).encode()


def docx_with_entity(text: str = "Leak: &xxe; end.") -> bytes:
    """A run holding an external entity (XXE) reference between two bits of text."""
    doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return rewrite_zip(docx_bytes(["PLACEHOLDER", PARAGRAPHS[1]]),
                       {"word/document.xml": lambda xml: _with_doctype(xml, doctype, text)})


def docx_billion_laughs() -> bytes:
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE w:document [<!ENTITY lol0 "lol">{lol}]>'
    return rewrite_zip(docx_bytes(["PLACEHOLDER", PARAGRAPHS[1]]),
                       {"word/document.xml": lambda xml: _with_doctype(xml, doctype, "Laughs: &lol9; end.")})


def docx_with_remote_parts() -> bytes:
    """External relationships (a linked image, a hyperlink, an attached template) and a remote
    external-entity DTD in the core properties."""
    rels = (f'<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/image" Target="{REMOTE}/linked.png" TargetMode="External"/>'
            f'<Relationship Id="rIdX2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/hyperlink" Target="{REMOTE}/link" TargetMode="External"/>'
            f'<Relationship Id="rIdX3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/attachedTemplate" Target="{REMOTE}/template.dotm" TargetMode="External"/>'
            "</Relationships>")
    core_dtd = f'<!DOCTYPE cp:coreProperties SYSTEM "{REMOTE}/core.dtd">'
    return rewrite_zip(docx_bytes(), {
        "word/_rels/document.xml.rels": lambda xml: xml.replace(b"</Relationships>", rels.encode()),
        "docProps/core.xml": lambda xml: _with_doctype(xml, core_dtd, ""),
    })


# -- PDF -----------------------------------------------------------------------------------------

def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects (1 is the catalog) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def pdf_bytes(*, page_extra: bytes = b"", catalog_extra: bytes = b"", extra_objects: tuple[bytes, ...] = ()
              ) -> bytes:
    """One page of text (objects 1-5), with extra entries in the page and catalog dictionaries."""
    lines = b" ".join(b"BT /F1 12 Tf 72 %d Td (%s) Tj ET" % (720 - 20 * n, p.encode())
                      for n, p in enumerate(PARAGRAPHS))
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page_extra + b" >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(lines), lines),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra_objects,
    ])


def pdf_nested(depth: int = 200_000) -> bytes:
    """A page whose resources hold an array nested ``depth`` deep."""
    return pdf_bytes(page_extra=b"/Deep " + b"[" * depth + b"]" * depth)


def pdf_with_remote_actions() -> bytes:
    """URI links, a remote go-to (a URL file specification), a launch, a form submission and
    JavaScript, on opening and on the page's annotations."""
    uri = f"{REMOTE}/uri".encode()
    annots = (b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI (%s) >> >> "
              b"<< /Type /Annot /Subtype /Link /Rect [0 0 50 50] /A << /S /GoToR "
              b"/F << /Type /Filespec /FS /URL /F (%s/remote.pdf) >> /D [0 /Fit] >> >> "
              b"<< /Type /Annot /Subtype /Link /Rect [0 0 20 20] /A << /S /Launch /F (%s/run.exe) >> >>] "
              % (uri, REMOTE.encode(), REMOTE.encode()))
    opening = (b"/OpenAction << /S /JavaScript /JS (app.launchURL\\('%s'\\);) /Next "
               b"<< /S /SubmitForm /F << /FS /URL /F (%s/submit) >> >> >> "
               b"/Names << /EmbeddedFiles << /Names [(x) << /Type /Filespec /FS /URL /F (%s/embedded) >>] "
               b">> >>"
               % (uri, REMOTE.encode(), REMOTE.encode()))
    return pdf_bytes(page_extra=annots, catalog_extra=opening)


VALID: dict[str, bytes] = {}


def valid_files() -> dict[str, bytes]:
    """One small valid file per format, keyed by its suffix (built once)."""
    if not VALID:
        VALID.update({".txt": TXT, ".md": MARKDOWN, ".html": HTML, ".docx": docx_bytes(),
                      ".pdf": pdf_bytes()})
    return VALID


def hostile_files(folder: Path) -> list[Path]:
    """Every hostile file above written into ``folder``."""
    files = {"page.html": HTML, "notes.md": MARKDOWN, "plain.txt": TXT, "xxe.docx": docx_with_entity(),
             "laughs.docx": docx_billion_laughs(), "remote.docx": docx_with_remote_parts(),
             "actions.pdf": pdf_with_remote_actions(), "nested.pdf": pdf_nested(5_000)}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]
