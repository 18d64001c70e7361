"""Issue 13's model benchmark in Python svy: the same fit as

    confiance model FILE --formula "b1 ~ sex + age_band + education + q1" --family logistic
      --weight weight --strata region --psu psu --missing q1=9 --format json

svy's ``sample.glm.fit(y="b1", x=[Cat("sex"), Cat("age_band"), Cat("education"), "q1"],
family="binomial")`` with Taylor-linearized (sandwich) standard errors, written as JSON to OUT
(default /dev/null): one record per coefficient with term, estimate, standard_error, ci_lower,
ci_upper (svy's term names respelled as R's).

Usage: python3 model.py FILE [OUT]
"""

import json
import sys

import polars as pl
import svy

path = sys.argv[1]
data = svy.read_csv(path, columns=["region", "psu", "weight", "sex", "age_band", "education", "q1", "b1"])
data = data.with_columns(pl.when(pl.col("q1") == 9).then(None).otherwise(pl.col("q1")).alias("q1"))
sample = svy.Sample(data, svy.Design(stratum="region", psu="psu", wgt="weight"))
fit = sample.glm.fit(
    y="b1", x=[svy.Cat("sex"), svy.Cat("age_band"), svy.Cat("education"), "q1"], family="binomial")

def r_name(term):
    """svy's term names in R's spelling: _intercept_ → (Intercept), age_band_25-34 → age_band25-34."""
    if term == "_intercept_":
        return "(Intercept)"
    for variable in ("sex", "age_band", "education"):
        if term.startswith(variable + "_"):
            return variable + term[len(variable) + 1:]
    return term


records = [
    {"term": r_name(row["term"]), "estimate": row["estimate"], "standard_error": row["std_err"],
     "ci_lower": row["conf_low"], "ci_upper": row["conf_high"]}
    for row in fit.to_polars().iter_rows(named=True)
]
with open(sys.argv[2] if len(sys.argv) > 2 else "/dev/null", "w") as out:
    json.dump(records, out, default=str)
print(f"Python svy {svy.__version__}: {len(records)} coefficients", file=sys.stderr)
