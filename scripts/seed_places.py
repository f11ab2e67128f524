#!/usr/bin/env python3
"""Derive data/seed/seed_places.csv: for each line of the seed text, the
dissertation's chapter, section heading and printed page (issue 25 item 4).

Usage: python3 scripts/seed_places.py [SEED] [OUT]
  (defaults: /work/shared/seed/steel-metropolis.txt, data/seed/seed_places.csv)
  --check: exit 1 if OUT differs from what the script would write.

How the places are derived (the seed carries no printed page numbers):
- Chapters are the `# ` headings; each chapter's first page is read from the
  TABLE OF CONTENTS in the front matter.
- Sections are the `##`/`###` headings inside a chapter, except the chapter's
  own title (the first `##` after `# Chapter N`), table and figure captions set
  as headings (matched against the LIST OF TABLES / LIST OF FIGURES), headings
  in CJK script (a reproduced poster) and `####` (a reproduced letter).
- Page breaks: the converted text puts each page's footnotes (`<sup>N</sup>`
  lines) after its body text, so any body line that follows a footnote block
  starts a new page; a body paragraph that ends mid-sentence and is followed
  by one that starts in lower case is a page break on a page without footnotes.
- Anchors: each chapter heading (TOC page) and each table or figure caption
  whose line matches a LIST OF TABLES / FIGURES entry (its listed page).
- Between two anchors, a line's page is at least the earlier anchor's page plus
  the breaks seen since, and at most the later anchor's page minus the breaks
  still to come. Pages without footnotes or a split sentence leave a range
  (page_lo < page_hi); where the breaks exceed the pages available (a caption
  set apart from its table, a block quote misread as a new page) the two
  estimates are swapped into a range (the count is printed on stderr).
Only heading titles and numbers are written; no sentence of the text.
"""
import re
import sys

FN = re.compile(r"^<sup>(\d+)</sup>")
TOC = re.compile(r"^(INTRODUCTION|CHAPTER (\d+)|CONCLUSION|Selected Bibliography)\b.*\t(\d+)$")
LIST_ITEM = re.compile(r"^▪ (.*)\t(\d+)$")
CJK = re.compile(r"[\u3400-\u9fff]")


def toks(s):
    return set(w for w in re.findall(r"[a-zšō]+", s.lower()) if len(w) > 3)


def clean(h):
    h = re.sub(r"^#+\s*", "", h)
    h = h.replace("**", "").replace("<b>", "").replace("</b>", "").strip()
    return h


def derive(lines):
    n = len(lines)
    # Table of contents: chapter key -> first printed page.
    toc = {}
    for s in lines:
        m = TOC.match(s.strip())
        if m:
            key = "Introduction" if m.group(1) == "INTRODUCTION" else (
                "Conclusion" if m.group(1) == "CONCLUSION" else (
                    "Bibliography" if m.group(1).startswith("Selected") else "ch. " + m.group(2)))
            toc[key] = int(m.group(3))
    items = []  # (title tokens, page) of tables and figures
    for s in lines:
        m = LIST_ITEM.match(s)
        if m:
            items.append((toks(re.sub(r"\(.*?\)", "", m.group(1))), int(m.group(2))))

    # Chapters: (key, heading line, first page).
    chapters = []
    for i, s in enumerate(lines, 1):
        m = re.match(r"^# (Introduction|Chapter (\d+)|Conclusion)\s*$", s)
        if m:
            key = m.group(1) if not m.group(2) else "ch. " + m.group(2)
            chapters.append((key, i, toc[key]))
        if s.startswith("## Select Bibliography") or s.startswith("## Selected Bibliography"):
            chapters.append(("Bibliography", i, toc["Bibliography"]))
    if len(chapters) < 9:
        raise SystemExit("seed_places: found %d chapter headings, expected 9 and a bibliography" % len(chapters))

    def caption_page(s):
        tt = toks(s)
        for it, p in items:
            if len(it) >= 3 and len(it & tt) / len(it) >= 0.9 and len(tt) <= len(it) + 12:
                return p
        return None

    out = []  # per line: (chapter, section, lo, hi)
    warnings = []
    for ci, (key, start, page0) in enumerate(chapters):
        end = chapters[ci + 1][1] - 1 if ci + 1 < len(chapters) else n
        next_page = chapters[ci + 1][2] if ci + 1 < len(chapters) else None
        # Sections, breaks and anchors inside the chapter.
        section = [""] * (end - start + 1)
        is_break = [False] * (end - start + 1)
        anchors = [(start, page0)]
        cur = ""
        state = "body"
        prev = None  # last body paragraph (line, text)
        seen_title = key == "Bibliography"
        for i in range(start, end + 1):
            s = lines[i - 1].strip()
            k = i - start
            if s.startswith("#") and i != start:
                title = clean(s)
                p = caption_page(title)
                if p is not None:
                    anchors.append((i, p))
                elif not seen_title and s.startswith("## "):
                    seen_title = True  # the chapter's own title
                elif not s.startswith("####") and not CJK.search(title) and key != "Bibliography":
                    cur = title
                if state == "fn":
                    is_break[k] = True
                state = "body"
                prev = None
            elif s == "---":
                state = "sep"
                prev = None
            elif FN.match(s):
                state = "fn"
                prev = None
            elif s and state == "fn" and CJK.search(s) and len(s) < 200 and re.search(r"\d+\.?$", s):
                pass  # a footnote's second paragraph (a CJK-titled citation ending in a page number)
            elif s:
                if state == "fn" or (state == "sep" and re.match(r"^[a-z]", s) and "*" not in s and not CJK.search(s)):
                    is_break[k] = True  # after a footnote block, or a sentence split by a bare rule
                elif prev is not None and len(prev[1]) > 200 and re.match(r"^[a-z]", s) and not re.search(
                        r"[.!?:;”\"’)\]*>]\s*$", prev[1]):
                    is_break[k] = True
                p = caption_page(s) if len(s) < 160 else None
                if p is not None:
                    anchors.append((i, p))
                state = "body"
                prev = (i, s)
            section[k] = cur
        # Keep anchors whose pages increase with the line (a caption matched in
        # the wrong chapter or out of order is dropped).
        good = [anchors[0]]
        for a in anchors[1:]:
            if a[1] >= good[-1][1] and (next_page is None or a[1] < next_page):
                good.append(a)
        if next_page is not None:
            good.append((end + 1, next_page))  # the next chapter starts a page
        # Cumulative breaks.
        cum = [0] * (end - start + 2)
        for k in range(end - start + 1):
            cum[k + 1] = cum[k] + (1 if is_break[k] else 0)

        def breaks(a, b):  # breaks on lines a..b inclusive (chapter lines)
            a, b = max(a, start), min(b, end)
            return cum[b - start + 1] - cum[a - start] if b >= a else 0

        for i in range(start, end + 1):
            ai = max(j for j in range(len(good)) if good[j][0] <= i)
            la, pa = good[ai]
            lo = pa + breaks(la + 1, i)
            if ai + 1 < len(good):
                lb, pb = good[ai + 1]
                hi = pb - breaks(i + 1, lb - 1) - (1 if lb == end + 1 or is_break[lb - start] else 0)
            else:
                hi = None
            if la == i:
                hi = lo  # an anchor's own line is on its page
            if hi is not None and lo > hi:
                warnings.append(i)  # more breaks than pages: the page lies between the two estimates
                lo, hi = hi, lo
            out.append((i, key, section[i - start], lo, hi if hi is not None else ""))
    return out, warnings


def rows_csv(rows):
    """Run-length rows: first_line,last_line,chapter,section,page_lo,page_hi."""
    res = ["first_line,last_line,chapter,section,page_lo,page_hi"]
    cur = None
    for i, ch, sec, lo, hi in rows:
        key = (ch, sec, lo, hi)
        if cur and cur[1] == key and cur[0][1] == i - 1:
            cur[0][1] = i
        else:
            if cur:
                res.append(fmt(cur))
            cur = ([i, i], key)
    if cur:
        res.append(fmt(cur))
    return "\n".join(res) + "\n"


def fmt(cur):
    (a, b), (ch, sec, lo, hi) = cur
    q = '"' + sec.replace('"', '""') + '"' if ("," in sec or '"' in sec) else sec
    return "%d,%d,%s,%s,%s,%s" % (a, b, ch, q, lo, hi)


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    seed = args[0] if args else "/work/shared/seed/steel-metropolis.txt"
    out = args[1] if len(args) > 1 else "data/seed/seed_places.csv"
    with open(seed, encoding="utf-8") as f:
        lines = f.read().split("\n")
    rows, warnings = derive(lines)
    text = rows_csv(rows)
    if warnings:
        sys.stderr.write("seed_places: %d lines had more page breaks than pages between anchors (given as a range)\n" %
                         len(warnings))
    if check:
        with open(out, encoding="utf-8") as f:
            if f.read() != text:
                sys.stderr.write("seed_places: %s is stale; run python3 scripts/seed_places.py\n" % out)
                return 1
        return 0
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
