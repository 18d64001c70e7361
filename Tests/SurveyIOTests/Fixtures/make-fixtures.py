#!/usr/bin/env python3
"""Writes the CSV fixtures of SurveyIOTests byte for byte (run from this folder).

Some fixtures cannot be typed in an editor without being changed (Windows-1252, UTF-16, NUL,
CRLF and lone CR line endings), so all of them are generated here.
"""
import os


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    os.makedirs(os.path.dirname(name) or ".", exist_ok=True)
    with open(name, "wb") as file:
        file.write(data)


write("comma.csv", "id,region,concern,weight\n1,Nord,4,1.5\n2,Sud,5,2\n3,Nord,,0.5\n4,Est,2,1e1\n")
write("semicolon.csv",
      "id;région;inquiétude;poids\n1;Île-de-France;4;1,5\n2;Bretagne;5;2\n3;Île-de-France;;0,25\n4;Occitanie;2;1 234,5\n")
write("tab.tsv", "id\tcomment\tweight\n1\thello, world\t1.5\n2\tsemi;colon\t2\n")
write("bom.csv", "\ufeffid,answer\n1,oui\n2,non\n")
write("windows1252.csv",
      "id;libellé;opinion\n1;Très inquiet;« sûr » à 100 €\n2;Plutôt inquiet;cœur, l’avis\n3;Pas du tout;façon\n"
      .encode("cp1252"))
write("quoted.csv",
      'id,comment,score\n1,"hello, world",3\n2,"she said ""yes""",4\n3,"line one\nline two\nline three",5\n'
      '4,plain,6\n5,"  padded  ",7\n')
write("crlf.csv", 'id,answer\r\n1,yes\r\n2,"two\r\nlines"\r\n3,no\r\n')
write("cr.csv", "id,answer\r1,yes\r2,no\r3,maybe")
write("blank-lines.csv", "id,answer\n1,yes\n\n2,no\n   \n3,maybe\n")

write("errors/empty.csv", "")
write("errors/blank.csv", "\n\n  \n")
write("errors/header-only.csv", "id,answer\n")
write("errors/duplicate-header.csv", "id,answer,weight,answer,id\n1,a,1,b,2\n")
write("errors/empty-header.csv", "id,,weight,\n1,a,1,\n")
write("errors/wrong-field-count.csv", 'id,answer,weight\n1,yes,1\n2,"multi\nline",1\n3,yes, no,1\n')
write("errors/unterminated-quote.csv", 'id,answer,weight\n1,yes,1\n2,"never closed,1\n3,no,1\n')
write("errors/stray-quote.csv", 'id,answer,weight\n1,yes,1\n2,5" screen,1\n')
write("errors/text-after-quote.csv", 'id,answer,weight\n1,"a\nb"c,1\n')
write("errors/nul.csv", b"id,answer,weight\n1,yes,1\n2,n\x00o,1\n")
write("errors/latin-in-utf8.csv", "id,answer\n1,oui\n2,très\n".encode("cp1252"))
