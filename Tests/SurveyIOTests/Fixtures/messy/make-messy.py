#!/usr/bin/env python3
"""Writes the messy-CSV fixtures (run from this folder): one small survey, dressed the ways real
exports dress it. Every file holds the same respondents as clean.csv, so reading any of them must
give the same estimates.

Byte-exact on purpose: encodings, byte order marks, line ends and separators cannot be typed in an
editor without being changed.
"""

HEADER = ["id", "région", "concern", "weight", "comment"]
# id, region, concern (1-5, None = missing), weight, comment
ROWS = [
    (1, "Île-de-France", 4, 1.5, "simple"),
    (2, "Hauts-de-France", 5, 2.25, "with, a comma"),
    (3, "Provence-Alpes-Côte d’Azur", 2, 1234.5, "with; a semicolon"),
    (4, "Bretagne", 3, 1000.0, 'she said "oui"'),
    (5, "Île-de-France", None, 0.75, "two\nlines"),
    (6, "Bretagne", 1, 3.0, "« cœur » façon"),
    (7, "Hauts-de-France", 4, 12.125, ""),
    (8, "Provence-Alpes-Côte d’Azur", 5, 1.0, "tab\tinside"),
    (9, "Île-de-France", 4, 2.0, "Œuvre à l’été"),
    (10, "Bretagne", 2, 5.5, "x"),
    (11, "Hauts-de-France", 3, 7.0, "trailing space "),
    (12, "Île-de-France", 4, 0.5, "last"),
]


def quote(text, delimiter):
    if any(c in text for c in (delimiter, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


def weight_point(w):
    return repr(w).rstrip("0").rstrip(".") if w != int(w) else str(int(w))


def weight_comma(w, group=" "):
    """1234.5 -> '1 234,5' (a French spreadsheet), 1000 -> '1e3' (an exponent survives)."""
    if w == 1000.0:
        return "1e3"
    text = weight_point(w).replace(".", ",")
    whole, _, fraction = text.partition(",")
    if len(whole) > 3:
        whole = whole[:-3] + group + whole[-3:]
    return whole + ("," + fraction if fraction else "")


def weight_exponent(w):
    return {1234.5: "1.2345e3", 1000.0: "1E3", 5.5: "5.5e0", 0.5: "5e-1"}.get(w, weight_point(w))


def table(delimiter=",", newline="\n", weight=weight_point, trailing="", embedded_newline=None):
    lines = [delimiter.join(HEADER)]
    for rid, region, concern, w, comment in ROWS:
        if embedded_newline is not None:
            comment = comment.replace("\n", embedded_newline)
        fields = [str(rid), region, "" if concern is None else str(concern), weight(w), comment]
        lines.append(delimiter.join(quote(f, delimiter) for f in fields))
    return newline.join(lines) + newline + trailing


def write(name, data):
    with open(name, "wb") as file:
        file.write(data)


write("clean.csv", table().encode("utf-8"))
write("utf8-bom.csv", b"\xef\xbb\xbf" + table().encode("utf-8"))
# Excel's "Unicode text": UTF-16 little-endian with a byte order mark, tab-separated, CRLF.
write("utf16le.txt", b"\xff\xfe" + table("\t", "\r\n", embedded_newline="\r\n").encode("utf-16-le"))
write("utf16be.csv", b"\xfe\xff" + table(";", "\n", weight=weight_comma).encode("utf-16-be"))
# Excel's "CSV" on a French system: Windows-1252, ';', decimal comma, CRLF, a no-break space
# (byte A0) grouping thousands.
write("windows1252.csv",
      table(";", "\r\n", weight=lambda w: weight_comma(w, "\u00a0"), embedded_newline="\r\n").encode("cp1252"))
write("semicolon-decimal-comma.csv", table(";", weight=weight_comma).encode("utf-8"))
write("tab.tsv", table("\t").encode("utf-8"))
write("crlf.csv", table(",", "\r\n", embedded_newline="\r\n").encode("utf-8"))
write("lone-cr.csv", table(",", "\r", embedded_newline="\r").encode("utf-8"))
write("trailing-empty-lines.csv", table(trailing="\n\n  \n\n").encode("utf-8"))
write("exponents.csv", table(weight=weight_exponent).encode("utf-8"))
write("no-final-newline.csv", table().rstrip("\n").encode("utf-8"))

# Numbers as spreadsheets and statistics programs write them.
write("numbers.csv", (
    "label;value\n"
    "grouped;1 234,5\n"
    "exponent;1e3\n"
    "not a number;NaN\n"
    "negative zero;-0\n"
    "plain;2,5\n"
    "infinity;-inf\n").encode("utf-8"))

# Damaged UTF-16: a lone surrogate on line 3, and a file cut in the middle of a character.
lone = b"\xff\xfe" + "id,answer\n1,oui\n2,".encode("utf-16-le") + b"\x00\xd8" + "x\n".encode("utf-16-le")
write("../errors/utf16-lone-surrogate.csv", lone)
write("../errors/utf16-odd-length.csv", b"\xff\xfe" + "id,answer\n1,oui\n".encode("utf-16-le") + b"\x41")
