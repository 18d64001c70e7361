"""The rows of replicates_strata, which .ci/postgres-fixtures.py and .ci/spark-fixtures.py load."""


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
