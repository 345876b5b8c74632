#!/bin/sh
# Regenerates the document-format fixtures in this directory from source.txt.
#
#   sh tests/data/formats/make.sh          (from anywhere; needs no network)
#
# Made on Debian 12 (bookworm) with these packages (apt-get install --no-install-recommends):
#   libreoffice-writer-nogui 4:7.4.7-1+deb12u14   (LibreOffice 7.4.7.2)
#   chromium                 156.0.8078.114-1~deb12u1
#   fonts-hosny-amiri        0.113-1               (Amiri, SIL OFL 1.1; the only font embedded)
#   fonts-dejavu-core        2.37-6                (installed as fallback, not used by the fixtures)
#   poppler-utils            22.12.0-2+deb12u3     (pdftoppm, pdffonts, pdftotext for the baseline)
#   qpdf                     11.3.0-1+deb12u1
#   img2pdf                  0.4.4-3
#   texlive-xetex            2022.20230122-3       (optional: pdf/xelatex.pdf; XeTeX + xdvipdfmx)
#   texlive-lang-arabic      2022.20230122-1       (optional: bidi, Arabic for polyglossia)
# The versions actually found are written to versions.txt on every run.
#
# source.txt: one paragraph per line, logical order, NFC. The empty line marks the forced
# page break. Line 1 is the title. Nothing else in this directory is hand-edited except
# README.md, score.py and this script.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p html pdf office fodt tex

dpkg-query -W -f='${Package} ${Version}\n' libreoffice-writer-nogui libreoffice-core-nogui \
    chromium fonts-hosny-amiri fonts-dejavu-core poppler-utils qpdf img2pdf \
    texlive-xetex texlive-lang-arabic > versions.txt 2>/dev/null || true

# 1. source.txt -> html/source.html (Chromium), fodt/source.fodt (LibreOffice PDF),
#    fodt/mixed.fodt (DOCX/ODT: adds a table, a footnote and document properties),
#    office/expected.txt (what a good extractor gets from mixed.odt / mixed.docx).
python3 - <<'PY'
import html, re, unicodedata

paras = open("source.txt", encoding="utf-8").read().split("\n")
if paras and paras[-1] == "":
    paras.pop()
for p in paras:
    assert p == unicodedata.normalize("NFC", p), "source.txt must be NFC"

HEADER = "isnad — تقرير اختبار"
FOOT_AR = "صفحة"
FOOT_OF = "من"

# Soft hyphens (U+00AD) in the long English words, so both producers may split one across
# lines with a visible hyphen: the reader has to learn to join "inter-" + "national".
SYLL = {w.replace("-", ""): w for w in """in-ter-na-tion-al in-ves-ti-ga-tors or-gan-is-ers
com-mu-ni-cat-ed en-crypt-ed mes-sag-ing ap-pli-ca-tions trans-ferred ap-prox-i-mate-ly
in-ter-me-di-ar-ies trav-elled sep-a-rate-ly con-cert In-de-pen-dent an-a-lysts
char-ac-ter-ised in-tel-li-gence ex-tra-or-di-nar-i-ly con-se-quen-tial
not-with-stand-ing re-peat-ed com-pre-hen-sive un-am-big-u-ous gov-ern-ments""".split()}

def shy(text):
    return re.sub(r"[A-Za-z]+", lambda m: SYLL.get(m.group(0), m.group(0)).replace("-", "\u00ad"), text)

def strong_dir(text):
    for ch in text:
        b = unicodedata.bidirectional(ch)
        if b in ("R", "AL"):
            return "rtl"
        if b == "L":
            return "ltr"
    return "ltr"

def is_english(text):
    return not any("\u0600" <= c <= "\u06ff" for c in text)

# ---- HTML for Chromium ----
out = []
out.append("""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>تقرير اختبار</title>
<style>
@page {
  size: A4;
  margin: 2cm 2cm 2cm 2cm;
  @top-center { content: "%s"; font-family: "Amiri"; font-size: 10pt; }
  @bottom-center { content: "%s " counter(page) " %s " counter(pages); font-family: "Amiri"; font-size: 10pt; }
}
body { font-family: "Amiri", serif; font-size: 13pt; line-height: 1.5; margin: 0; }
p { margin: 0 0 0.3em 0; text-align: start; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 0.5em 0; }
p.en { text-align: justify; hyphens: auto; }
.pb { break-before: page; }
</style>
</head>
<body>
""" % (HEADER, FOOT_AR, FOOT_OF))
page_break = False
for i, p in enumerate(paras):
    if p == "":
        page_break = True
        continue
    d = strong_dir(p)
    cls = []
    if page_break:
        cls.append("pb")
        page_break = False
    if i == 0:
        out.append('<h1 dir="%s">%s</h1>\n' % (d, html.escape(p, quote=False)))
        continue
    if is_english(p):
        cls.append("en")
        body, lang = shy(p), ' lang="en"'
    else:
        body, lang = p, ""
    c = ' class="%s"' % " ".join(cls) if cls else ""
    out.append('<p dir="%s"%s%s>%s</p>\n' % (d, lang, c, html.escape(body, quote=False)))
out.append("</body>\n</html>\n")
open("html/source.html", "w", encoding="utf-8").write("".join(out))

# ---- Flat ODT ----
def x(s):
    return html.escape(s, quote=False)

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta>
 <dc:title>تقرير اختبار</dc:title>
 <dc:description>isnad document-format fixture (tests/data/formats)</dc:description>
 <meta:initial-creator>Test Author</meta:initial-creator>
 <dc:creator>Test Author</dc:creator>
 <meta:creation-date>2024-08-15T10:30:00</meta:creation-date>
 <dc:date>2024-08-15T10:30:00</dc:date>
 <dc:language>ar-SY</dc:language>
</office:meta>
<office:font-face-decls>
 <style:font-face style:name="Amiri" svg:font-family="Amiri" style:font-family-generic="roman" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties style:writing-mode="page"/>
  <style:text-properties style:font-name="Amiri" fo:font-size="13pt" fo:language="en" fo:country="GB"
   style:font-name-asian="Amiri" style:font-size-asian="13pt"
   style:font-name-complex="Amiri" style:font-size-complex="13pt" style:language-complex="ar" style:country-complex="SY"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.15cm" fo:line-height="115%"/>
 </style:style>
 <style:style style:name="Body_20_RTL" style:display-name="Body RTL" style:family="paragraph" style:parent-style-name="Text_20_body">
  <style:paragraph-properties style:writing-mode="rl-tb" fo:text-align="start"/>
 </style:style>
 <style:style style:name="Body_20_LTR" style:display-name="Body LTR" style:family="paragraph" style:parent-style-name="Text_20_body">
  <style:paragraph-properties style:writing-mode="lr-tb" fo:text-align="justify"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard" style:class="chapter">
  <style:paragraph-properties style:writing-mode="rl-tb" fo:text-align="center" fo:margin-bottom="0.3cm"/>
  <style:text-properties fo:font-size="18pt" fo:font-weight="bold" style:font-size-complex="18pt" style:font-weight-complex="bold"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties style:writing-mode="rl-tb" fo:text-align="center"/>
  <style:text-properties fo:font-size="10pt" style:font-size-complex="10pt"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties style:writing-mode="rl-tb" fo:text-align="center"/>
  <style:text-properties fo:font-size="10pt" style:font-size-complex="10pt"/>
 </style:style>
 <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
  <style:paragraph-properties style:writing-mode="rl-tb"/>
  <style:text-properties fo:font-size="10pt" style:font-size-complex="10pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="P_RTL_break" style:family="paragraph" style:parent-style-name="Body_20_RTL">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <style:style style:name="P_LTR_break" style:family="paragraph" style:parent-style-name="Body_20_LTR">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <style:style style:name="Tab1" style:family="table">
  <style:table-properties style:width="12cm" table:align="center" style:writing-mode="rl-tb"/>
 </style:style>
 <style:style style:name="Tab1.A" style:family="table-column">
  <style:table-column-properties style:column-width="6cm"/>
 </style:style>
 <style:style style:name="Tab1.c" style:family="table-cell">
  <style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>
 </style:style>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait"
   fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2cm" fo:margin-right="2cm" style:writing-mode="rl-tb"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.5cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.5cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="Header">@HEADER@</text:p></style:header>
  <style:footer><text:p text:style-name="Footer">@FOOT_AR@ <text:page-number text:select-page="current">1</text:page-number> @FOOT_OF@ <text:page-count>2</text:page-count></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body>
<office:text>
""".replace("@HEADER@", x(HEADER)).replace("@FOOT_AR@", x(FOOT_AR)).replace("@FOOT_OF@", x(FOOT_OF))
TAIL = "</office:text>\n</office:body>\n</office:document>\n"

TABLE_ROWS = [("المدينة", "City"), ("موسكو", "Moscow")]
FOOTNOTE = "المصدر: وكالة TASS، 24/05/2024، نقلاً عن جهاز الأمن الفيدرالي (FSB)."
TABLE_AFTER = 5     # paragraph index (0-based, in paras) the table follows
FOOTNOTE_ON = 5     # paragraph carrying the footnote, at its end

def fodt(mixed):
    body = []
    page_break = False
    for i, p in enumerate(paras):
        if p == "":
            page_break = True
            continue
        d = strong_dir(p)
        if i == 0:
            style = "Title"
        elif page_break:
            style = "P_RTL_break" if d == "rtl" else "P_LTR_break"
        else:
            style = "Body_20_RTL" if d == "rtl" else "Body_20_LTR"
        page_break = False
        t = x(shy(p) if is_english(p) else p)
        if mixed and i == FOOTNOTE_ON:
            t += ('<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
                  '<text:note-body><text:p text:style-name="Footnote">%s</text:p></text:note-body></text:note>' % x(FOOTNOTE))
        body.append('<text:p text:style-name="%s">%s</text:p>\n' % (style, t))
        if mixed and i == TABLE_AFTER:
            body.append('<table:table table:name="Table1" table:style-name="Tab1">\n'
                        ' <table:table-column table:style-name="Tab1.A" table:number-columns-repeated="2"/>\n')
            for row in TABLE_ROWS:
                body.append(" <table:table-row>")
                for cell in row:
                    cs = "Body_20_RTL" if strong_dir(cell) == "rtl" else "Body_20_LTR"
                    body.append('<table:table-cell table:style-name="Tab1.c" office:value-type="string">'
                                '<text:p text:style-name="%s">%s</text:p></table:table-cell>' % (cs, x(cell)))
                body.append("</table:table-row>\n")
            body.append("</table:table>\n")
    return HEAD + "".join(body) + TAIL

open("fodt/source.fodt", "w", encoding="utf-8").write(fodt(False))
open("fodt/mixed.fodt", "w", encoding="utf-8").write(fodt(True))

# expected.txt: paragraphs in document order (logical order, no soft hyphens, no footnote
# mark), each table cell on its own line in row order, then the footnote text. The
# page header and footer are not body text and are left out.
exp = []
for i, p in enumerate(paras):
    if p == "":
        continue
    exp.append(p)
    if i == TABLE_AFTER:
        for row in TABLE_ROWS:
            exp.extend(row)
exp.append(FOOTNOTE)
open("office/expected.txt", "w", encoding="utf-8").write("\n".join(exp) + "\n")

# ---- XeLaTeX (polyglossia + bidi): Latin runs in RTL paragraphs in \LR{}, Arabic runs in
#      LTR paragraphs in \RL{}; TeX hyphenates the English itself (no soft hyphens). ----
# The TeX input is written without escaping, so the source must hold no TeX specials.
assert not any(c in p for p in paras for c in "%$&#_{}~^\\"), "TeX specials in source.txt"
LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,/.\-]*[A-Za-z0-9]|[A-Za-z0-9]")
ARABIC = re.compile(r"[\u0600-\u06ff][\u0600-\u06ff\u064b-\u0670 ]*[\u0600-\u06ff]|[\u0600-\u06ff]")
out = [r"""\documentclass[12pt,a4paper]{article}
\usepackage[top=2.5cm,bottom=2.5cm,left=2cm,right=2cm,headheight=15pt]{geometry}
\usepackage{fontspec}
\usepackage{fancyhdr}
\usepackage{polyglossia}
\setmainlanguage{arabic}
\setotherlanguage{english}
\setmainfont{Amiri}
\newfontfamily\arabicfont[Script=Arabic]{Amiri}
\newfontfamily\englishfont{Amiri}
\pagestyle{fancy}
\fancyhf{}
\renewcommand{\headrulewidth}{0pt}
\fancyhead[C]{\small \LR{isnad} — تقرير اختبار}
\fancyfoot[C]{\small صفحة \thepage{} من \pageref{lastpage}}
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
\begin{document}
"""]
for i, p in enumerate(paras):
    if p == "":
        out.append("\\newpage\n\n"); continue
    d = strong_dir(p)
    if d == "rtl":
        body = LATIN.sub(lambda m: r"\LR{%s}" % m.group(0), p)
    else:
        body = ARABIC.sub(lambda m: r"\RL{%s}" % m.group(0), p)
    if i == 0:
        out.append("\\begin{center}\\Large\\bfseries %s\\end{center}\n\n" % body)
    elif d == "rtl":
        out.append(body + "\n\n")
    else:
        out.append("\\begin{english}\n%s\n\\end{english}\n\n" % body)
out.append("\\label{lastpage}\n\\end{document}\n")
open("tex/source.tex", "w", encoding="utf-8").write("".join(out))
PY

# 2. LibreOffice: a private profile so a user's settings don't leak in.
lo() {
    soffice -env:UserInstallation="file://$work/lo-profile" --headless --norestore "$@" >"$work/lo.log" 2>&1 \
        || { cat "$work/lo.log"; exit 1; }
}
lo --convert-to 'pdf:writer_pdf_Export' --outdir "$work" fodt/source.fodt
mv "$work/source.pdf" pdf/libreoffice.pdf
lo --convert-to odt --outdir office fodt/mixed.fodt
lo --convert-to 'docx:MS Word 2007 XML' --outdir office fodt/mixed.fodt

# 3. Chromium: CSS @page margin boxes give the running header and "page N of M" footer;
#    --no-pdf-header-footer drops Chromium's own date/URL header.
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$work/chromium-profile" \
    --print-to-pdf="$here/pdf/chromium.pdf" "file://$here/html/source.html" >"$work/chromium.log" 2>&1 \
    || { cat "$work/chromium.log"; exit 1; }

# 3b. XeLaTeX, a third producer (xdvipdfmx), if installed: two runs for the page count.
if command -v xelatex >/dev/null 2>&1; then
    cp tex/source.tex "$work/"
    (cd "$work" && for run in 1 2; do
        xelatex -interaction=nonstopmode -halt-on-error source.tex >xelatex.log 2>&1 \
            || { cat xelatex.log; exit 1; }
    done)
    mv "$work/source.pdf" pdf/xelatex.pdf
else
    echo "xelatex not found: pdf/xelatex.pdf left as it is" >&2
fi

# 4. Derived PDFs.
# scanned.pdf: page 1 of libreoffice.pdf as a 1-bit 150 dpi image, no text layer.
pdftoppm -r 150 -mono -f 1 -l 1 -png pdf/libreoffice.pdf "$work/page"
img2pdf --pagesize A4 -o pdf/scanned.pdf "$work"/page*.png
# encrypted.pdf: AES-256, user and owner password "secret".
qpdf --encrypt secret secret 256 -- pdf/libreoffice.pdf pdf/encrypted.pdf
# truncated.pdf: the first half of libreoffice.pdf's bytes (no xref, no trailer).
size=$(wc -c < pdf/libreoffice.pdf)
head -c $((size / 2)) pdf/libreoffice.pdf > pdf/truncated.pdf

ls -l html pdf office fodt tex
