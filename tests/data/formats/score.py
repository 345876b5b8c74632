#!/usr/bin/env python3
"""Word accuracy of an extracted text against source.txt (standard library only).

    python3 score.py SOURCE EXTRACTED        one pair, all four figures
    python3 score.py --baseline              runs pdftotext (plain and -raw) on
                                             pdf/libreoffice.pdf, pdf/chromium.pdf and
                                             pdf/xelatex.pdf against source.txt, prints
                                             a table

Normalisation, applied to both texts the same way:
  NFKC (folds Arabic presentation forms U+FB50-FDFF, U+FE70-FEFF to base letters and
  lam-alef ligatures to lam + alef), remove tatweel U+0640, remove the invisible bidi
  controls U+200E, U+200F, U+202A-U+202E, U+2066-U+2069 (pdftotext writes them around
  runs), split on whitespace, strip punctuation and symbols (Unicode P* and S*) at word
  edges, drop what becomes empty. Nothing else: a soft hyphen U+00AD left inside a word
  or a word split "inter-" / "national" counts as wrong.
  The "no harakat" figures also remove U+064B-U+065F and U+0670 from both sides.

Accuracy = matched source words / source words, matched two ways:
  bag    multiset intersection (order ignored)
  order  longest common subsequence of the two word sequences (logical order matters)
"extra" = extracted words that matched nothing in the LCS (headers, footers, debris).
"""
import os
import subprocess
import sys
import unicodedata
from collections import Counter

BIDI_CONTROLS = dict.fromkeys(
    [0x200E, 0x200F] + list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A)))
TATWEEL = {0x0640: None}
HARAKAT = dict.fromkeys(list(range(0x064B, 0x0660)) + [0x0670])


def is_edge_punct(ch):
    return unicodedata.category(ch)[0] in "PS"


def words(text, keep_harakat=True):
    t = unicodedata.normalize("NFKC", text)
    t = t.translate(BIDI_CONTROLS).translate(TATWEEL)
    if not keep_harakat:
        t = t.translate(HARAKAT)
    out = []
    for w in t.split():
        a, b = 0, len(w)
        while a < b and is_edge_punct(w[a]):
            a += 1
        while b > a and is_edge_punct(w[b - 1]):
            b -= 1
        if a < b:
            out.append(w[a:b])
    return out


def bag_matches(src, ext):
    return sum((Counter(src) & Counter(ext)).values())


def lcs_len(src, ext):
    # O(len(src) * len(ext)) time, O(len(ext)) memory.
    prev = [0] * (len(ext) + 1)
    for s in src:
        cur = [0]
        for j, e in enumerate(ext):
            cur.append(prev[j] + 1 if s == e else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def score(source_text, extracted_text):
    res = {}
    for keep, tag in ((True, "harakat"), (False, "no-harakat")):
        s, e = words(source_text, keep), words(extracted_text, keep)
        bag, lcs = bag_matches(s, e), lcs_len(s, e)
        res[tag] = {"source": len(s), "extracted": len(e), "bag": bag / len(s),
                    "order": lcs / len(s), "extra": len(e) - lcs}
    return res


def fmt(res):
    h, n = res["harakat"], res["no-harakat"]
    return "%6.1f%% %6.1f%% | %6.1f%% %6.1f%% | %5d %5d" % (
        100 * h["bag"], 100 * h["order"], 100 * n["bag"], 100 * n["order"],
        h["extracted"], h["extra"])


def baseline():
    here = os.path.dirname(os.path.abspath(__file__))
    source = open(os.path.join(here, "source.txt"), encoding="utf-8").read()
    print("source words: %d" % len(words(source)))
    print("%-24s %-15s | %-15s | %s" % ("", "with harakat", "no harakat", "words"))
    print("%-24s %7s %7s | %7s %7s | %5s %5s" % (
        "producer / pdftotext", "bag", "order", "bag", "order", "out", "extra"))
    for producer in ("libreoffice", "chromium", "xelatex"):
        pdf = os.path.join(here, "pdf", producer + ".pdf")
        if not os.path.exists(pdf):
            continue
        for mode, args in (("plain", []), ("-raw", ["-raw"])):
            text = subprocess.run(["pdftotext", "-enc", "UTF-8"] + args + [pdf, "-"],
                                  check=True, capture_output=True).stdout.decode("utf-8")
            print("%-24s %s" % (producer + " " + mode, fmt(score(source, text))))


def main(argv):
    if argv[1:] == ["--baseline"]:
        baseline()
        return 0
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source = open(argv[1], encoding="utf-8").read()
    extracted = open(argv[2], encoding="utf-8").read()
    print("%-15s | %-15s | words" % ("with harakat", "no harakat"))
    print("%7s %7s | %7s %7s | %5s %5s" % ("bag", "order", "bag", "order", "out", "extra"))
    print(fmt(score(source, extracted)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
