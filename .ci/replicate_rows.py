"""The rows of the replicate-weight tables replicates_acs, replicates_collinear, replicates_strata
and text_replicates_apiclus1, which .ci/postgres-fixtures.py and .ci/spark-fixtures.py load."""
import json


# Stratified jackknife (JKn) replicate weights, exactly rank-deficient (replicates_strata, 840
# rows; StratifiedJackknifeTable in the tests computes the same doubles): 6 strata of 5 to 8
# PSUs (42 replicate columns sj1…sj42, one per PSU), row i in PSU i mod 42; the replicate of PSU q
# in stratum h is 0 on q's rows, w·(n_h/(n_h − 1)) on the other rows of h and w elsewhere, so in
# each stratum the sum of its replicates is n_h·w (to rounding): R's rank is 42 − 5 = 37, and the
# columns, all close to w, leave the cross products unable to decide the 5 dependent ones.
def strata_rows():
    sizes = [8, 6, 8, 5, 8, 7]
    strata = [h for h, n in enumerate(sizes) for _ in range(n)]
    for i in range(1, 841):
        w = float(30 + (i * 37) % 71)
        q = i % 42
        replicates = [0.0 if p == q else (w * (sizes[strata[p]] / (sizes[strata[p]] - 1))
                                         if strata[p] == strata[q] else w) for p in range(42)]
        yield [i, "b" if (i // 42) % 3 == 0 else "a", float((i * 53) % 97) + 0.25, w] + replicates


# An ACS-like table of 400 rows with a weight and 80 successive-difference replicate weights
# (pwgtp, pwgtp1…pwgtp80), replicate_acs: a_ir = w_i·(1 + H[a_i][r]/2 − H[b_i][r]/2) with H the
# Sylvester Hadamard matrix (H[j][r] = (−1)^popcount(j & r)) and rows a_i = 1 + i mod 80,
# b_i = 1 + (i + 1) mod 80, so every value is exact; inserted in a scrambled order.
# PostgresReplicateTests and SparkReplicateTests compute the same rows (ACSLikeTable).
def acs_like_rows():
    for i in sorted(range(1, 401), key=lambda i: (i * 7919) % 401):
        w = float(50 + (i * 37) % 101)
        def h(j, r):
            return -1 if bin(j & r).count("1") % 2 else 1
        a, b = 1 + i % 80, 1 + (i + 1) % 80
        replicates = [w * (1 + h(a, r) / 2 - h(b, r) / 2) for r in range(80)]
        y = None if i % 23 == 0 else float((i * 53) % 97) + 0.25
        yield [i, "R" + str(i % 4), "b" if i % 5 == 0 else "a", ["own", "rent", "other"][i % 3], y, w] + replicates


# Replicate weights whose cross products cannot decide their rank (replicates_collinear, 500 rows;
# CollinearReplicateTable in the tests computes the same doubles): a1, a2, a3 = w·(1 + u/4096), a
# column extrapolated from them with coefficients ±200 whose remaining norm is about 3.7 times R's
# threshold (rep4), one about 0.54 times (rep5), one 1.0001 times it in the domain `small` (close3)
# and one 1.0001 times it over all rows (edge3); domains `part` of 485, 12 (fewer than 4R for the
# five rep columns) and 3 rows (fewer than R).
def collinear_rows():
    for i in range(1, 501):
        w = float(40 + (i * 37) % 61)
        u1, u2, u3 = (i * 13) % 7 - 3, (i * 29) % 5 - 2, (i * 7) % 9 - 4
        z, v = (i * 11) % 13 - 6, (i * 17) % 19 - 9
        a1, a2, a3 = w * (1 + u1 / 4096), w * (1 + u2 / 4096), w * (1 + u3 / 4096)
        part = "tiny" if i % 166 == 0 else ("small" if i % 40 == 0 else "large")
        replicates = [a1, a2, a3, a1 + 200.0 * (a2 - a1) + 1e-5 * w * z, a2 + 200.0 * (a3 - a1) + 1e-6 * w * v]
        close = [a1, a2, a1 + 200.0 * (a2 - a1) + 2.76153776514e-06 * w * z]
        edge = [a1, a2, a1 + 200.0 * (a2 - a1) + 2.69682632482e-06 * w * z]
        yield [i, part, float((i * 53) % 97) + 0.25, w] + replicates + close + edge


# replicates_apiclus1 with every number as text (text_replicates_apiclus1, TextNumberTests): the
# column names (row_id first, then the data set's, then bad_1 and bad_2) and the rows, every value
# a str or None: numbers as Python's shortest text of each double, with spaces around it on every
# third row; bad_1 and bad_2 are jk1_1 and jk1_2, with 'n/a' on rows 4 and 9 of bad_1.
def text_apiclus1_rows():
    apiclus1 = json.load(open("Tests/SurveyStatisticsTests/Fixtures/replicates/reference.json"))["datasets"]["apiclus1"]
    order = apiclus1["column_order"]
    columns = apiclus1["columns"]

    def text(value, row, numeric=True):
        if value is None:
            return None
        return (" {} " if row % 3 == 2 else "{}").format(repr(float(value))) if numeric else str(value)

    rows = []
    for row in range(apiclus1["rows"]):
        values = [str(row + 1)] + [
            text(columns[c]["values"][row], row, columns[c]["type"] != "categorical") for c in order]
        values.append("n/a" if row + 1 in (4, 9) else text(columns["jk1_1"]["values"][row], row))
        values.append(text(columns["jk1_2"]["values"][row], row))
        rows.append(tuple(values))
    return ["row_id"] + order + ["bad_1", "bad_2"], rows
