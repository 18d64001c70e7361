"""The replicate-weight benchmark in Python svy: the same estimates as

    confiance mean FILE --var income --by division            (MODE mean)
    confiance estimate FILE --var tenure --by division        (MODE estimate)

both with --weight PWGTP --replicate-weights "PWGTP[0-9]+" --replicate-type acs --mse: svy's
successive-difference replicates (``SdrWgts``, coefficients 4/80) centred at the full-sample
estimate (``variance_center="estimate"``), ``estimation.mean`` or ``estimation.prop`` by division,
written as JSON to OUT (default /dev/null): one record per estimate with domain, category ("" for
the mean), estimate, standard_error.

Usage: python3 replicates.py FILE MODE [OUT]
"""

import json
import sys

import svy

path, mode = sys.argv[1], sys.argv[2]
variable = "income" if mode == "mean" else "tenure"
replicates = [f"PWGTP{r}" for r in range(1, 81)]
data = svy.read_csv(path, columns=["division", variable, "PWGTP", *replicates])
design = svy.Design(wgt="PWGTP", rep_wgts=svy.SdrWgts(prefix="PWGTP", n_reps=80))
sample = svy.Sample(data, design)
if mode == "mean":
    result = sample.estimation.mean(variable, by="division", method="replication", variance_center="estimate")
else:
    result = sample.estimation.prop(variable, by="division", method="replication", variance_center="estimate")
records = []
for row in result.to_polars().iter_rows(named=True):
    records.append({
        "domain": str(row["division"]), "category": "" if mode == "mean" else str(row[variable]),
        "estimate": row["est"], "standard_error": row["se"],
    })
with open(sys.argv[3] if len(sys.argv) > 3 else "/dev/null", "w") as out:
    json.dump(records, out)
print(f"Python svy {svy.__version__}: {len(records)} estimates", file=sys.stderr)
