// The figures of a score summary: NPS, CSAT and CES, their standard errors, intervals and
// two-sample comparisons, in the units and with the conventions of the product (NPS in points,
// CSAT in percent, CES as a mean on its scale; weighted figures use Kish's effective n).
#pragma once

#include <optional>

#include "core/score_summary.hpp"
#include "core/statistics.hpp"

namespace cx {

using Figure = std::optional<double>;  // empty where the figure is undefined (SQL NULL)

// Net Promoter Score, -100..100.
Figure nps(const ScoreSummary &s);

// Percent of answers at or above satisfied_from (top-2-box by default).
Figure csat(const ScoreSummary &s, int satisfied_from = kDefaultSatisfiedFrom);

// Mean Customer Effort Score.
Figure ces(const ScoreSummary &s);

// The headline figure of the summary's metric: NPS, CSAT or CES.
Figure headline(const ScoreSummary &s);

// Kish's effective sample size (sum w)^2 / sum w^2; the count when unweighted.
double effective_responses(const ScoreSummary &s);

// Standard error of the headline figure.
Figure std_error(const ScoreSummary &s);

// Sample standard deviation of the answers (n - 1); meaningful for CES.
Figure std_dev(const ScoreSummary &s);

// Half-width of the interval before clamping: z * SE (NPS, CSAT) or t * SE (CES).
Figure margin_of_error(const ScoreSummary &s, double confidence);

// Interval of the headline figure: Wald for NPS, Wilson for CSAT, Student t for CES,
// clamped to the metric's range.
std::optional<Interval> confidence_interval(const ScoreSummary &s, double confidence);

// Two-sample comparison of the headline figures of a and b.
struct Comparison {
    Figure difference;  // a - b
    Figure std_error;
    Figure statistic;  // z, or Welch t for CES
    Figure p_value;    // two-sided
};

Comparison compare(const ScoreSummary &a, const ScoreSummary &b);

}  // namespace cx
