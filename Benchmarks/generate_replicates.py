#!/usr/bin/env python3
"""Writes the replicate-weight benchmark survey: a seeded, synthetic ACS-like person file as CSV.

1,000,000 respondents (--rows), 84 columns, about 420 MB:

    division    9 census divisions (the domain of `--by`)
    tenure      owned_mortgage / owned_free / rented / no_rent (categorical)
    income      a positive amount in dollars (numeric, log-normal by division)
    PWGTP       the person weight, a whole number (1–400)
    PWGTP1 …    80 successive-difference replicate weights, whole numbers, as the ACS publishes
    PWGTP80     them: round(PWGTP · f), f = 1 + 2^(−3/2)·(H[a, r] − H[b, r]) (Fay & Train 1995)
                with rows a, b of a Hadamard matrix of order 80 (Sylvester order 4 ⊗ Paley order
                20) taken from each respondent's position in the sort order, as the Census Bureau
                assigns them (ACS Design and Methodology, ch. 12).

Read it as R survey's svrepdesign(type = "ACS" or "successive-difference", scale 4/80) and
confiance's --replicate-weights "PWGTP[0-9]+" --replicate-type acs.

The same arguments give the same bytes with the same NumPy (PCG64 draws from
numpy.random.default_rng(seed)).

Usage:
    generate_replicates.py [--rows N] [--seed S] [--output FILE]
"""

import argparse
import sys

import numpy as np
import polars as pl

DIVISIONS = [
    "New England", "Middle Atlantic", "East North Central", "West North Central", "South Atlantic",
    "East South Central", "West South Central", "Mountain", "Pacific",
]
DIVISION_SHARES = np.array([4.6, 12.6, 14.2, 6.4, 20.4, 5.8, 12.5, 7.5, 16.0])
TENURE = ["owned_mortgage", "owned_free", "rented", "no_rent"]
REPLICATES = 80


def hadamard_80() -> np.ndarray:
    """±1 Hadamard matrix of order 80: Sylvester's order 4 ⊗ Paley's construction I of order 20 (q = 19)."""
    q = 19
    residues = {(x * x) % q for x in range(1, q)}
    chi = lambda x: 0 if x % q == 0 else (1 if x % q in residues else -1)
    jacobsthal = np.array([[chi(j - i) for j in range(q)] for i in range(q)])
    core = np.zeros((q + 1, q + 1), dtype=int)
    core[0, 1:] = 1
    core[1:, 0] = -1
    core[1:, 1:] = jacobsthal
    paley = core + np.eye(q + 1, dtype=int)
    h2 = np.array([[1, 1], [1, -1]])
    matrix = np.kron(np.kron(h2, h2), paley)
    assert (matrix @ matrix.T == REPLICATES * np.eye(REPLICATES)).all()
    return matrix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--output", default="-")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    n = args.rows

    division = rng.choice(len(DIVISIONS), size=n, p=DIVISION_SHARES / DIVISION_SHARES.sum())
    # Tenure shares that differ by division: 40 % − 1 point per division with a mortgage, 22 %
    # owned free, 33 % + 1 point per division renting, the rest (5 %) occupying without rent.
    u = rng.random(n)
    mortgage = 0.40 - 0.01 * division
    tenure = (u > mortgage).astype(int) + (u > mortgage + 0.22) + (u > 0.95)
    income = np.round(np.exp(rng.normal(10.4 + 0.05 * division, 0.8)), 0)
    weight = np.clip(np.round(rng.gamma(4.0, 25.0, size=n)), 1, 400)

    # Successive differences: rows a and b of H from the respondent's position in the sort order
    # (division, then a random order within it), skipping H's first row (all ones).
    h = hadamard_80()
    order = np.lexsort((rng.random(n), division))
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    row_a = 1 + position % (REPLICATES - 1)
    row_b = 1 + (position + 1) % (REPLICATES - 1)
    columns = {
        "division": [DIVISIONS[d] for d in division],
        "tenure": [TENURE[t] for t in tenure],
        "income": income.astype(np.int64),
        "PWGTP": weight.astype(np.int64),
    }
    for replicate in range(REPLICATES):
        factor = 1 + 2 ** -1.5 * (h[row_a, replicate] - h[row_b, replicate])
        columns[f"PWGTP{replicate + 1}"] = np.round(weight * factor).astype(np.int64)
    frame = pl.DataFrame(columns)
    if args.output == "-":
        frame.write_csv(sys.stdout)
    else:
        frame.write_csv(args.output)


if __name__ == "__main__":
    main()
