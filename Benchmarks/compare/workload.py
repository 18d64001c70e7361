"""Issue 6's workload in Python svy: the same estimates as

    confiance estimate FILE --var q1 … --var q6 --by age_band --weight weight --strata region
      --psu psu --missing q1=9 … --missing q6=9 --ci logit --format json

For each item and age band: the share of each answer, its linearized SE and logit interval
(svy's ``estimation.prop(..., by=, ci_method="logit")``), written as JSON to OUT (default
/dev/null): one record per estimate with variable, domain, category, proportion,
standard_error, ci_lower, ci_upper.

Usage: python3 workload.py FILE [OUT]
"""

import json
import sys

import polars as pl
import svy

path = sys.argv[1]
items = [f"q{i}" for i in range(1, 7)]
data = svy.read_csv(path, columns=["region", "psu", "weight", "age_band", *items])
data = data.with_columns([pl.when(pl.col(item) == 9).then(None).otherwise(pl.col(item)).alias(item) for item in items])
sample = svy.Sample(data, svy.Design(stratum="region", psu="psu", wgt="weight"))
results = sample.estimation.prop(items, by="age_band", ci_method="logit", drop_nulls=True)
records = []
for item, result in zip(items, results):
    for row in result.to_polars().iter_rows(named=True):
        records.append({
            "variable": item, "domain": str(row["age_band"]), "category": str(row[item]),
            "proportion": row["est"], "standard_error": row["se"], "ci_lower": row["lci"], "ci_upper": row["uci"],
        })
with open(sys.argv[2] if len(sys.argv) > 2 else "/dev/null", "w") as out:
    json.dump(records, out)
print(f"Python svy {svy.__version__}: {len(records)} estimates", file=sys.stderr)
