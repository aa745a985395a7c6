#!/usr/bin/python3
"""Expected values for sql/moments_of_truth.sql, computed with statsmodels.

Every touchpoint of a segment is compared with the rest of the segment's answers, then the
p-values of a segment are adjusted for the number of its touchpoints with Holm's method.
CSAT: pooled two-proportion z test (statsmodels proportions_ztest) on the share of 4-5.
NPS: z test of the difference with SE = sqrt(SE_a^2 + SE_b^2), where
SE = 100 * sqrt(((p+ + p-) - (p+ - p-)^2) / n) (the convention of reference-values.md).
A touchpoint without answers, or a test whose standard error is 0, gives no p-value and does
not count among the touchpoints that Holm adjusts for.

Run with Debian's Python (python3-statsmodels): /usr/bin/python3 test/oracle/moments_of_truth.py
It prints the two INSERT statements that sql/moments_of_truth.sql holds: the answers (as counts
per score) and the expected figures. Paste both when the data here changes.
"""
import math

from scipy.stats import norm
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

# (metric, segment, touchpoint, counts per score from the lowest); None = only NULL answers.
TOUCHPOINTS = [
    ("csat", "retail", "web", [20, 15, 25, 25, 15]),
    ("csat", "retail", "phone", [5, 10, 15, 35, 35]),
    ("csat", "retail", "shop", [6, 8, 11, 25, 30]),
    ("csat", "retail", "email", [10, 5, 5, 15, 15]),
    ("csat", "retail", "app", [4, 5, 6, 20, 25]),
    ("csat", "b2b", "web", [0, 1, 1, 8, 10]),
    ("csat", "b2b", "phone", [4, 3, 3, 5, 5]),
    ("csat", "b2b", "visit", [1, 1, 2, 6, 6]),
    ("csat", "b2b", "portal", None),
    ("csat", "solo", "web", [1, 2, 3, 4, 5]),
    ("csat", "flat", "web", [0, 0, 0, 3, 4]),
    ("csat", "flat", "phone", [0, 0, 0, 0, 5]),
    ("nps", "retail", "web", [5, 3, 2, 4, 6, 5, 5, 10, 10, 20, 30]),
    ("nps", "retail", "phone", [10, 8, 6, 6, 5, 5, 10, 15, 10, 10, 15]),
    ("nps", "retail", "shop", [1, 1, 1, 2, 2, 3, 5, 10, 15, 25, 35]),
    ("nps", "retail", "email", [3, 2, 2, 3, 3, 4, 3, 8, 6, 6, 10]),
]
ALPHA = 0.05


def csat_counts(counts):
    """(satisfied, answers) of CSAT counts for scores 1-5."""
    return sum(counts[3:]), sum(counts)


def nps_figures(counts):
    """(NPS, SE, n) of NPS counts for scores 0-10."""
    n = sum(counts)
    plus, minus = sum(counts[9:]) / n, sum(counts[:7]) / n
    return 100 * (plus - minus), 100 * math.sqrt(((plus + minus) - (plus - minus) ** 2) / n), n


def test(metric, own, rest):
    """(difference, z, p) of one touchpoint against the rest; z and p are None when the
    standard error is 0; None when either side has no answer."""
    if sum(own) == 0 or sum(rest) == 0:
        return None
    if metric == "csat":
        (x1, n1), (x2, n2) = csat_counts(own), csat_counts(rest)
        difference = 100 * (x1 / n1 - x2 / n2)
        if x1 + x2 in (0, n1 + n2):
            return difference, None, None
        z, p = proportions_ztest([x1, x2], [n1, n2])
        return difference, z, p
    (a, se_a, _), (b, se_b, _) = nps_figures(own), nps_figures(rest)
    se = math.hypot(se_a, se_b)
    if se == 0:
        return a - b, None, None
    z = (a - b) / se
    return a - b, z, 2 * norm.sf(abs(z))


def expected_rows():
    """One row per touchpoint: metric, segment, touchpoint, difference, z, p, Holm p, verdict."""
    rows = []
    segments = sorted({(m, s) for m, s, _, _ in TOUCHPOINTS})
    for metric, segment in segments:
        points = [(t, c) for m, s, t, c in TOUCHPOINTS if (m, s) == (metric, segment)]
        width = 5 if metric == "csat" else 11
        total = [sum(c[i] for _, c in points if c) for i in range(width)]
        tests = {}
        for touchpoint, counts in points:
            own = counts or [0] * width
            tests[touchpoint] = test(metric, own, [t - o for t, o in zip(total, own)])
        names = [t for t, _ in points if tests[t] and tests[t][2] is not None]
        holm = multipletests([tests[t][2] for t in names], method="holm")[1] if names else []
        adjusted = dict(zip(names, holm))
        for touchpoint, _ in points:
            difference, z, p = tests[touchpoint] or (None, None, None)
            h = adjusted.get(touchpoint)
            verdict = "no clear difference"
            if h is not None and h < ALPHA:
                verdict = "better" if difference > 0 else "worse"
            rows.append((metric, segment, touchpoint, difference, z, p, h, verdict))
    return rows


def sql(value):
    """An SQL literal: NULL, a quoted string or a number with 17 significant digits."""
    if value is None:
        return "NULL"
    if isinstance(value, str):
        return "'" + value + "'"
    return repr(float(value)) if abs(value) >= 1e-4 or value == 0 else "%.17g" % value


def main():
    print("INSERT INTO touchpoint_counts (metric, segment, touchpoint, counts) VALUES")
    print(",\n".join("    (%s, %s, %s, %s)" % (
        sql(m), sql(s), sql(t), "NULL" if c is None else "'{%s}'" % ",".join(map(str, c)))
        for m, s, t, c in TOUCHPOINTS) + ";")
    print()
    print("INSERT INTO oracle (metric, segment, touchpoint, difference, statistic, p_value, "
          "p_holm, verdict) VALUES")
    print(",\n".join("    (" + ", ".join(sql(v) for v in row) + ")" for row in expected_rows())
          + ";")


if __name__ == "__main__":
    main()
