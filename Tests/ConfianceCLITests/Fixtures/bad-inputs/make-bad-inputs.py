#!/usr/bin/env python3
"""Writes the malformed inputs of docs/bad-inputs.md byte for byte (run from this folder).

Each file is small and wrong in one way; the catalogue says which command is run on it and the
exact message Confiance prints. Binary files (the damaged SPSS file) are cut from the SPSS fixture.
"""
import gzip
import os


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(name, "wb") as file:
        file.write(data)


HEADER = "id,region,psu,q,w\n"
GOOD = ["1,Nord,1,oui,1.5", "2,Nord,2,non,2", "3,Sud,3,oui,1", "4,Sud,4,non,0.5", "5,Est,5,oui,1", "6,Est,6,non,3"]


def survey(replace=None, header=HEADER, extra=""):
    rows = list(GOOD)
    for index, row in (replace or {}).items():
        rows[index] = row
    return header + "\n".join(rows) + "\n" + extra


# Reading the data file
write("empty.csv", "")
write("blank-lines.csv", "\n \n\n")
write("header-only.csv", HEADER)
write("duplicate-header.csv", survey(header="id,region,psu,q,q\n"))
write("empty-column-name.csv", survey(header="id,region,psu,q,w,\n", replace={i: r + "," for i, r in enumerate(GOOD)}))
write("too-many-fields.csv", survey(replace={2: "3,Sud,3,oui, non,1"}))
write("too-few-fields.csv", survey(replace={3: "4,Sud,4,0.5"}))
write("unterminated-quote.csv", survey(extra='7,"Nord,7,oui,1\n8,Sud,8,non,1\n'))
write("stray-quote.csv", survey(replace={1: '2,Nord,2,17" screen,2'}))
write("text-after-quote.csv", survey(replace={4: '5,"Est"ern,5,oui,1'}))
write("nul-byte.csv", survey(replace={2: "3,Sud,3,o\x00ui,1"}))
write("not-utf8.csv", survey(replace={5: "6,Est,6,très,3"}).encode("cp1252"))
write("utf16-lone-surrogate.csv",
      b"\xff\xfe" + (HEADER + GOOD[0] + "\n2,").encode("utf-16-le") + b"\x00\xd8" + "Nord,2,non,2\n".encode("utf-16-le"))
write("utf16-cut.csv", b"\xff\xfe" + survey().encode("utf-16-le") + b"\x41")
write("workbook.xlsx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + b"\x00" * 20)
write("survey.csv.gz", gzip.compress(survey().encode("utf-8"), mtime=0))
write("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
write("download.sav", "<!DOCTYPE html>\n<html><body>Session expired</body></html>\n")
write("empty.dta", "")
with open("../../../SurveyIOTests/Fixtures/statistical/survey.sav", "rb") as spss:
    write("cut.sav", spss.read()[:700])

# Weights and design
write("weight-text.csv", survey(replace={3: "4,Sud,4,non,abc"}))
write("weight-zero.csv", survey(replace={1: "2,Nord,2,non,0"}))
write("weight-negative.csv", survey(replace={4: "5,Est,5,oui,-1"}))
write("weight-infinite.csv", survey(replace={2: "3,Sud,3,oui,inf"}))
write("weight-nan.csv", survey(replace={2: "3,Sud,3,oui,NaN"}))
write("weight-missing.csv", survey(replace={5: "6,Est,6,non,"}))
write("weights-zero-in-domain.csv", survey(replace={2: "3,Sud,3,oui,0", 3: "4,Sud,4,non,0"}))
write("weight-decimal-comma-in-comma-file.csv", survey(replace={0: '1,Nord,1,oui,"1,5"'}))
write("lonely-psu.csv", "id,region,psu,q,w\n1,Nord,1,oui,1\n2,Nord,2,non,1\n3,Sud,3,oui,1\n4,Sud,3,non,1\n")
write("strata-missing.csv", survey(replace={3: "4,,4,non,0.5"}))
write("psu-missing.csv", survey(replace={1: "2,Nord,,non,2"}))
write("fpc-too-small.csv",
      "id,region,psu,q,w,fpc\n1,Nord,1,oui,1,3\n2,Nord,2,non,1,3\n3,Nord,3,oui,1,3\n4,Nord,4,non,1,3\n"
      "5,Sud,5,oui,1,10\n6,Sud,6,non,1,10\n")
write("fpc-varies.csv",
      "id,region,psu,q,w,fpc\n1,Nord,1,oui,1,50\n2,Nord,2,non,1,60\n3,Sud,3,oui,1,40\n4,Sud,4,non,1,40\n")
write("fpc-negative.csv",
      "id,region,psu,q,w,fpc\n1,Nord,1,oui,1,-5\n2,Nord,2,non,1,-5\n3,Sud,3,oui,1,40\n4,Sud,4,non,1,40\n")
write("all-missing.csv", survey(replace={i: ",".join(r.split(",")[:3] + ["", r.split(",")[4]]) for i, r in enumerate(GOOD)}))
write("too-many-categories.csv",
      "id,q\n" + "".join(f"{i},answer number {i}\n" for i in range(1, 1202)))

# Codebooks (each next to a copy of the good survey, named by --codebook)
write("good.csv", survey())
write("codebook-bad-indentation.yaml", "variables:\n  q:\n    label: Question\n   type: categorical\n")
write("codebook-tab.yaml", "variables:\n  q:\n\tlabel: Question\n")
write("codebook-key-typo.yaml", "variables:\n  q:\n    lable: Question\n")
write("codebook-unknown-section.yaml", "desing:\n  weight: w\n")
write("codebook-bad-type.yaml", "variables:\n  q:\n    type: ordinall\n")
write("codebook-bad-lonely-psu.yaml", "design:\n  weight: w\n  lonely_psu: ajust\n")
write("codebook-categories-list.yaml", "variables:\n  q:\n    categories: [oui, non]\n")
write("codebook-category-without-label.yaml", "variables:\n  q:\n    categories:\n      oui: Oui\n      non:\n")
write("codebook-duplicate-key.yaml", "variables:\n  q:\n    label: Question\n    label: Encore\n")
write("codebook-duplicate-category.yaml", "variables:\n  region:\n    categories:\n      1: Nord\n      \"1\": Sud\n")
write("codebook-unknown-variable.yaml", "variables:\n  regoin:\n    label: Région\n")
write("codebook-not-utf8.yaml", "variables:\n  q:\n    label: Très inquiet\n".encode("cp1252"))
write("codebook-list.yaml", "- q\n- w\n")
write("codebook-unknown-weight.yaml", "design:\n  weight: poids\n")
write("codebook-missing-as-mapping.yaml", "variables:\n  q:\n    missing:\n      nsp: 9\n")
write("codebook-bad-role.yaml", "variables:\n  q:\n    role: concerns\n")
write("codebook-code-missing-and-dont-know.yaml", "variables:\n  q:\n    missing: [9]\n    dont_know: [9]\n")
write("codebook-unclosed-quote.yaml", "variables:\n  q:\n    label: \"Êtes-vous inquiet ?\n")
write("identifier.csv", "id,email,q,w\n1,a@example.org,oui,1\n2,b@example.org,non,2\n")

# Targets files (for --rake-to and confiance rake, on good.csv: region Nord/Sud/Est, q oui/non)
TARGETS = "variable,category,target\n"


def targets(*rows, header=TARGETS):
    return header + "".join(row + "\n" for row in rows)


write("targets-region.csv", targets("region,Nord,0.3", "region,Sud,0.3", "region,Est,0.4"))
write("targets-category-not-in-data.csv", targets("region,Nord,0.3", "region,Sud,0.3", "region,Est,0.2", "region,Ouest,0.2"))
write("targets-unknown-variable.csv", targets("regoin,Nord,0.3", "regoin,Sud,0.3", "regoin,Est,0.4"))
write("targets-not-summing-to-one.csv", targets("region,Nord,0.3", "region,Sud,0.3", "region,Est,0.3"))
write("targets-negative.csv", targets("region,Nord,1800000", "region,Sud,-200000", "region,Est,3100000"))
write("targets-zero.csv", targets("region,Nord,1800000", "region,Sud,0", "region,Est,3100000"))
write("targets-percent.csv", targets("region,Nord,30%", "region,Sud,30%", "region,Est,40%"))
write("targets-decimal-comma.csv", targets('region,Nord,"0,3"', 'region,Sud,"0,3"', 'region,Est,"0,4"'))
write("targets-infinite.csv", targets("region,Nord,1800000", "region,Sud,inf", "region,Est,3100000"))
write("targets-nan.csv", targets("region,Nord,1800000", "region,Sud,NaN", "region,Est,3100000"))
write("targets-duplicate.csv", targets("region,Nord,0.3", "region,Sud,0.3", "region,Nord,0.3", "region,Est,0.4"))
write("targets-wrong-header.csv", targets("region,Nord,0.3", "region,Sud,0.3", "region,Est,0.4", header="variable,level,target\n"))
write("targets-empty.csv", "")
write("targets-header-only.csv", TARGETS)
write("targets-crossed-malformed.csv", targets(
    "region*q,Nord*oui,100", "region*q,Nord,100", "region*q,Sud*oui,100", "region*q,Sud*non,100",
    "region*q,Est*oui,100", "region*q,Est*non,100"))
write("targets-category-missing.csv", targets("region,Nord,0.5", "region,Sud,0.5"))
write("targets-empty-category.csv", targets("region,Nord,0.3", "region,,0.3", "region,Est,0.4"))
write("targets-all-zero.csv", targets("region,Nord,0", "region,Sud,0", "region,Est,0"))
write("targets-inconsistent-totals.csv", targets(
    "region,Nord,1800000", "region,Sud,2000000", "region,Est,1600000", "q,oui,2500000", "q,non,2400000"))

# Notebooks (confiance render, on good.csv)


def notebook(cell="estimate --var q", front="survey: good.csv", after="```\n\nThe end.\n"):
    return f"---\n{front}\n---\n# Regions\n\nWho answers yes?\n\n```confiance\n{cell}\n{after}"


write("notebook-unknown-option.md", notebook("estimate --var q --cii beta"))
write("notebook-unknown-command.md", notebook("estimat --var q"))
write("notebook-not-a-cell-command.md", notebook("describe"))
write("notebook-option-without-value.md", notebook("estimate --var q --by"))
write("notebook-unclosed-quote.md", notebook("estimate --var 'q --by region"))
write("notebook-survey-in-cell.md", notebook("estimate good.csv --var q"))
write("notebook-unknown-variable.md", notebook("estimate --var qq"))
write("notebook-missing-targets.md", notebook("estimate --var q --rake-to census.csv"))
write("notebook-unclosed-cell.md", notebook(after="\nThe end.\n"))
write("notebook-unclosed-front-matter.md", "---\nsurvey: good.csv\n\n# Regions\n\n```confiance\nestimate --var q\n```\n")
write("notebook-no-survey.md", notebook(front="lang: en"))
write("notebook-missing-survey.md", notebook(front="survey: surveys/good.csv"))
write("notebook-front-matter-typo.md", notebook(front="survey: good.csv\ndesign:\n  wieght: w"))
write("notebook-front-matter-without-colon.md", notebook(front="survey good.csv"))
write("notebook-repeated-key.md", notebook(front="survey: good.csv\nlang: en\nsurvey: weighted.csv"))
write("notebook-bad-language.md", notebook(front="survey: good.csv\nlang: de"))
write("notebook-not-utf8.md", notebook().replace("Who answers yes?", "Qui répond oui ?").encode("cp1252"))

# Numeric variables (confiance mean, total, ratio, quantile)

NUMERIC = "id,region,psu,hours,children,w\n"
HOURS = ["1,Nord,1,12.5,0,1.5", "2,Nord,2,3,0,2", "3,Sud,3,8,0,1", "4,Sud,4,7.25,,0.5", "5,Est,5,20,0,1", "6,Est,6,0,0,3"]


def numeric(replace=None):
    rows = list(HOURS)
    for index, row in (replace or {}).items():
        rows[index] = row
    return NUMERIC + "\n".join(rows) + "\n"


write("numeric-text.csv", numeric(replace={2: "3,Sud,3,ten,0,1"}))
write("zero-denominator.csv", numeric())
write("hours.csv", numeric())
write("notebook-quantile-probability.md", notebook("quantile --var hours --quantiles 0.5,1.5", front="survey: hours.csv"))


# Replicate weights: the good survey with four replicate-weight columns (analysis weights).
REPLICATE_HEADER = "id,region,psu,q,w,repw1,repw2,repw3,repw4\n"
REPLICATE_ROWS = [row + "," + ",".join(["1"] * 4) for row in GOOD]


def replicates(replace=None, rows=None):
    rows = list(rows or REPLICATE_ROWS)
    for index, row in (replace or {}).items():
        rows[index] = row
    return REPLICATE_HEADER + "\n".join(rows) + "\n"


write("replicates.csv", replicates())
write("replicate-weight-missing.csv", replicates(replace={3: "4,Sud,4,non,0.5,1,,1,1"}))
write("replicate-weight-negative.csv", replicates(replace={4: "5,Est,5,oui,1,1,1,-2,1"}))
write("replicate-weight-text.csv", replicates(replace={2: "3,Sud,3,oui,1,1,1,1,abc"}))
write("replicates-three-psus.csv", replicates(rows=REPLICATE_ROWS + ["7,Est,7,oui,1,1,1,1,1"]))
write("replicates-empty-cell.csv", replicates(replace={
    2: "3,Sud,3,oui,1,1,0,1,1", 3: "4,Sud,4,non,0.5,1,0,1,1"}))
write("replicates-fay-rho.codebook.yaml", "design:\n  weight: w\n  replicates: fay\n  fay_rho: 1.5\n")


# Models (confiance model): one small survey whose columns each break a model in one way.
# acting is 0/1 and overlaps every predictor but member (all three members act) and x1 + x2
# (positive for every respondent who acts); wave and country never vary; age_months = 12 × age;
# concern runs from 1 to 5; acted holds "refused" once; actions has a -1; a and b are never both
# given; cluster makes three PSUs (2 degrees of freedom).
MODEL_ROWS = [
    # id, sex, age, acting, concern, acted, actions, member, x1, x2, a, b
    (1, "F", 25, 1, 4, "1", 2, 1, 1, 1, "3", ""),
    (2, "F", 34, 0, 2, "0", 0, 0, -1, -1, "1", ""),
    (3, "F", 41, 1, 5, "1", 3, 1, 2, -1, "4", ""),
    (4, "F", 52, 0, 1, "0", 1, 0, 1, -2, "2", ""),
    (5, "F", 63, 1, 3, "refused", 4, 1, -1, 2, "5", ""),
    (6, "F", 70, 0, 2, "0", 0, 0, -2, 1, "1", ""),
    (7, "M", 22, 0, 4, "0", 1, 0, 2, -3, "", "2"),
    (8, "M", 38, 1, 5, "1", 2, 0, 3, -2, "", "3"),
    (9, "M", 45, 0, 1, "0", -1, 0, -3, 2, "", "1"),
    (10, "M", 57, 1, 3, "1", 3, 0, -2, 3, "", "4"),
    (11, "M", 66, 1, 4, "1", 2, 0, 1, 0, "", "5"),
    (12, "M", 29, 0, 2, "0", 1, 0, 0, -1, "", "2"),
]
write("model.csv", "id,cluster,sex,age,age_months,wave,country,concern,acting,acted,actions,member,x1,x2,a,b\n" + "".join(
    f"{i},{(i - 1) // 4 + 1},{sex},{age},{age * 12},1,FR,{concern},{acting},{acted},{actions},{member},{x1},{x2},{a},{b}\n"
    for (i, sex, age, acting, concern, acted, actions, member, x1, x2, a, b) in MODEL_ROWS))
