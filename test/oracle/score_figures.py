#!/usr/bin/python3
"""Checks the figures of cx's score summaries against scipy and statsmodels on random summaries.

Builds random NPS, CSAT and CES histograms, asks the installed extension for every figure through
psql (the PG* environment variables name the cluster), computes the same figures independently
with scipy and statsmodels from the counts, and compares them: 1e-9 relative (1e-9 absolute
near zero), and 1e-8 where a Student t quantile is involved, since Debian's scipy 1.10 computes
those to about 1e-9 only. Prints one line per failed figure and a closing count.
"""
import csv
import io
import math
import random
import subprocess
import sys
import warnings

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
CONFIDENCE = [0.8, 0.95, 0.99]


def query(sql):
    """Runs sql with psql and returns the rows as lists of strings (None for NULL)."""
    out = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--csv", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    rows = list(csv.reader(io.StringIO(out)))[1:]
    return [[None if v == "" else v for v in row] for row in rows]


def random_counts(rng, size):
    """A histogram with a random shape; some scores empty, sometimes a single answer."""
    shape = rng.choice(["spread", "sparse", "tiny"])
    if shape == "tiny":
        counts = [0] * size
        for _ in range(rng.randint(1, 3)):
            counts[rng.randrange(size)] += 1
        return counts
    top = 50 if shape == "spread" else 5000
    return [rng.randint(0, top) if shape == "spread" or rng.random() < 0.4 else 0
            for _ in range(size)]


def nps_oracle(counts, conf):
    n = sum(counts)
    if n == 0:
        return None
    promoters, detractors = sum(counts[9:]), sum(counts[:7])
    p, d = promoters / n, detractors / n
    se = 100 * math.sqrt(max(0.0, (p + d) - (p - d) ** 2) / n)
    z = stats.norm.ppf(0.5 + conf / 2)
    value = 100 * (p - d)
    return {"figure": value, "se": se, "margin": z * se,
            "lower": max(-100, value - z * se), "upper": min(100, value + z * se)}


def csat_oracle(counts, conf):
    n = sum(counts)
    if n == 0:
        return None
    satisfied = counts[3] + counts[4]
    p = satisfied / n
    lower, upper = proportion_confint(satisfied, n, alpha=1 - conf, method="wilson")
    se = 100 * math.sqrt(p * (1 - p) / n)
    return {"figure": 100 * p, "se": se, "margin": stats.norm.ppf(0.5 + conf / 2) * se,
            "lower": 100 * lower, "upper": 100 * upper}


def ces_oracle(counts, conf):
    values = np.repeat(np.arange(1, 8), counts)
    if len(values) == 0:
        return None
    mean = values.mean()
    if len(values) < 2:
        return {"figure": mean, "se": None, "margin": None, "lower": None, "upper": None}
    se = stats.sem(values)
    t = stats.t.ppf(0.5 + conf / 2, len(values) - 1)
    return {"figure": mean, "se": se, "margin": t * se,
            "lower": max(1, mean - t * se), "upper": min(7, mean + t * se)}


ORACLES = {"nps": nps_oracle, "csat": csat_oracle, "ces": ces_oracle}


def compare_oracle(kind, a, b):
    """difference, std_error, statistic, p_value of the product's two-sample tests."""
    if sum(a) == 0 or sum(b) == 0:
        return None
    if kind == "nps":
        fa, fb = nps_oracle(a, 0.95), nps_oracle(b, 0.95)
        se = math.hypot(fa["se"], fb["se"])
        diff = fa["figure"] - fb["figure"]
        if se == 0:
            return [diff, 0.0, None, None]
        return [diff, se, diff / se, 2 * stats.norm.sf(abs(diff / se))]
    if kind == "csat":
        xa, xb = a[3] + a[4], b[3] + b[4]
        na, nb = sum(a), sum(b)
        diff = 100 * (xa / na - xb / nb)
        pooled = (xa + xb) / (na + nb)
        se = 100 * math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
        if se == 0:
            return [diff, 0.0, None, None]
        z, p = proportions_ztest([xa, xb], [na, nb])
        return [diff, se, z, p]
    va, vb = np.repeat(np.arange(1, 8), a), np.repeat(np.arange(1, 8), b)
    if len(va) < 2 or len(vb) < 2:
        return [va.mean() - vb.mean(), None, None, None]
    se = math.sqrt(va.var(ddof=1) / len(va) + vb.var(ddof=1) / len(vb))
    if se == 0:
        return [va.mean() - vb.mean(), 0.0, None, None]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # nearly equal answers, still exact here
        result = stats.ttest_ind(va, vb, equal_var=False)
    return [va.mean() - vb.mean(), se, result.statistic, result.pvalue]


def close(actual, expected, tolerance):
    if expected is None or actual is None:
        return expected is None and actual is None
    return abs(float(actual) - expected) <= max(tolerance, tolerance * abs(expected))


def main():
    rng = random.Random(20261203)
    checked = failed = 0

    def check(label, actual, expected, tolerance=1e-9):
        nonlocal checked, failed
        checked += 1
        if not close(actual, expected, tolerance):
            failed += 1
            print(f"not ok - {label}: cx {actual}, oracle {expected}")

    for kind, (low, high) in SCALES.items():
        size = high - low + 1
        cases = [random_counts(rng, size) for _ in range(150)]
        for conf in CONFIDENCE:
            values = ", ".join(f"({i}, {kind}_summary(ARRAY{c}::bigint[]))"
                               for i, c in enumerate(cases))
            rows = query(f"SELECT i, {kind}(s), std_error(s), margin_of_error(s, {conf}), "
                         f"ci_lower(s, {conf}), ci_upper(s, {conf}) "
                         f"FROM (VALUES {values}) v(i, s) ORDER BY i")
            t_based = kind == "ces"
            for row, counts in zip(rows, cases):
                expected = ORACLES[kind](counts, conf)
                label = f"{kind} {counts} at {conf}"
                if expected is None:
                    check(label + " figure", row[1], None)
                    continue
                check(label + " figure", row[1], expected["figure"])
                check(label + " se", row[2], expected["se"])
                tol = 1e-8 if t_based else 1e-9
                check(label + " margin", row[3], expected["margin"], tol)
                check(label + " lower", row[4], expected["lower"], tol)
                check(label + " upper", row[5], expected["upper"], tol)

        pairs = [(cases[i], cases[-1 - i]) for i in range(60)]
        values = ", ".join(f"({i}, {kind}_summary(ARRAY{a}::bigint[]), "
                           f"{kind}_summary(ARRAY{b}::bigint[]))" for i, (a, b) in enumerate(pairs))
        rows = query(f"SELECT i, c.* FROM (VALUES {values}) v(i, a, b), "
                     f"LATERAL compare(a, b) c ORDER BY i")
        for row, (a, b) in zip(rows, pairs):
            expected = compare_oracle(kind, a, b) or [None] * 4
            for name, actual, value in zip(["difference", "std_error", "statistic", "p_value"],
                                           row[1:], expected):
                check(f"compare {kind} {a} {b} {name}", actual, value, 1e-9)

    # Weighted summaries: shares of weight, Kish's effective n = (sum w)^2 / sum w^2.
    for kind, (low, high) in SCALES.items():
        samples = []
        for _ in range(80):
            rows = [(rng.randint(low, high), round(rng.uniform(0, 4), 3))
                    for _ in range(rng.randint(1, 40))]
            samples.append(rows)
        values = ", ".join(f"({i}, {score}, {weight}::float8)"
                           for i, rows in enumerate(samples) for score, weight in rows)
        rows = query(f"SELECT i, {kind}(s), std_error(s), effective_responses(s), responses(s) "
                     f"FROM (SELECT i, {kind}_agg(score, weight) AS s "
                     f"      FROM (VALUES {values}) v(i, score, weight) GROUP BY i) g ORDER BY i")
        for row, sample in zip(rows, samples):
            scores = np.array([score for score, _ in sample], dtype=float)
            weights = np.array([weight for _, weight in sample])
            total = weights.sum()
            label = f"weighted {kind} {sample}"
            check(label + " responses", row[4], len(sample))
            if total == 0:
                check(label + " figure", row[1], None)
                continue
            kish = total ** 2 / (weights ** 2).sum()
            check(label + " effective n", row[3], kish)
            if kind == "nps":
                p = weights[scores >= 9].sum() / total
                d = weights[scores <= 6].sum() / total
                check(label + " figure", row[1], 100 * (p - d))
                check(label + " se", row[2], 100 * math.sqrt(max(0, p + d - (p - d) ** 2) / kish))
            elif kind == "csat":
                p = weights[scores >= 4].sum() / total
                check(label + " figure", row[1], 100 * p)
                check(label + " se", row[2], 100 * math.sqrt(p * (1 - p) / kish))
            else:
                check(label + " figure", row[1], np.average(scores, weights=weights))

    print(f"score figures: {checked - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
