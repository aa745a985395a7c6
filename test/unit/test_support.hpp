// Helpers shared by the unit tests of the core.
#pragma once

#include <cmath>
#include <initializer_list>

#include <gtest/gtest.h>

#include "core/score_summary.hpp"

namespace cx::test {

// A summary of the given answers.
inline ScoreSummary summary_of(Metric metric, std::initializer_list<int> scores)
{
    ScoreSummary s = empty_summary(metric);
    for (int score : scores)
        add_score(s, score);
    return s;
}

// A summary with `times` answers of each listed score.
inline ScoreSummary repeated(Metric metric, std::initializer_list<std::pair<int, int>> runs)
{
    ScoreSummary s = empty_summary(metric);
    for (auto [score, times] : runs)
        for (int i = 0; i < times; i++)
            add_score(s, score);
    return s;
}

// Reference values are given to 10 significant digits: compare within 1e-9 relative, or 1e-9
// absolute near zero.
inline ::testing::AssertionResult near_reference(double actual, double expected)
{
    double tolerance = std::fmax(1e-9, 1e-9 * std::fabs(expected));
    if (std::fabs(actual - expected) <= tolerance)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << actual << " differs from " << expected;
}

}  // namespace cx::test
