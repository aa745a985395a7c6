// Unit tests of the core's churn, retention and lifetime value. Expected figures come from
// ../shared/reference-values.md or are worked out by hand in the comments.
#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <utility>

#include "core/lifetime_value.hpp"
#include "core/retention.hpp"

namespace cx {
namespace {

// Days from 2000-01-01 of the dates used below (24 years with 6 leap days to 2024-01-01).
constexpr int64_t k2022_01_01 = 8036;
constexpr int64_t k2023_05_01 = 8521;
constexpr int64_t k2023_06_01 = 8552;
constexpr int64_t k2023_12_01 = 8735;
constexpr int64_t k2023_12_31 = 8765;
constexpr int64_t k2024_01_01 = 8766;
constexpr int64_t k2024_02_01 = 8797;
constexpr int64_t k2024_02_10 = 8806;
constexpr int64_t k2024_02_15 = 8811;
constexpr int64_t k2024_03_01 = 8825;
constexpr int64_t k2024_04_01 = 8857;

// The summary of the reference lifetimes for [2024-01-01, 2024-04-01).
RetentionSummary reference_summary()
{
    RetentionSummary s = empty_retention();
    use_period(s, TimeUnit::date, k2024_01_01, k2024_04_01);
    add_lifetime(s, k2023_05_01, std::nullopt);  // a
    add_lifetime(s, k2023_06_01, k2024_02_15);   // b
    add_lifetime(s, k2023_12_31, k2024_04_01);   // c
    add_lifetime(s, k2024_02_01, std::nullopt);  // d
    add_lifetime(s, k2024_02_10, k2024_03_01);   // e
    add_lifetime(s, k2024_04_01, std::nullopt);  // f
    add_lifetime(s, k2022_01_01, k2023_12_01);   // h
    return s;
}

TEST(Retention, ReferenceLifetimes)
{
    RetentionSummary s = reference_summary();
    EXPECT_EQ(s.at_start, 3);
    EXPECT_EQ(s.new_customers, 2);
    EXPECT_EQ(s.at_end, 3);
    EXPECT_EQ(s.lost, 1);
    EXPECT_EQ(s.new_lost, 1);
    EXPECT_NEAR(*churn_rate(s), 33.33333333, 1e-8);
    EXPECT_NEAR(*retention_rate(s), 66.66666667, 1e-8);
    EXPECT_NEAR(*churn_rate(s) + *retention_rate(s), 100, 1e-12);

    Interval churn = *churn_interval(s, 0.95);
    EXPECT_NEAR(churn.lower, 6.149194472, 1e-9 * 6.149194472);
    EXPECT_NEAR(churn.upper, 79.23403992, 1e-9 * 79.23403992);
    Interval kept = *retention_interval(s, 0.95);
    EXPECT_DOUBLE_EQ(kept.lower, 100 - churn.upper);
    EXPECT_DOUBLE_EQ(kept.upper, 100 - churn.lower);
}

TEST(Retention, Boundaries)
{
    // Period [2024-01-01, 2024-02-01).
    RetentionSummary s = empty_retention();
    use_period(s, TimeUnit::date, k2024_01_01, k2024_02_01);
    add_lifetime(s, k2024_01_01, std::nullopt);         // starts at the period start: S, E
    add_lifetime(s, k2024_02_01, std::nullopt);         // starts at the period end: nowhere
    add_lifetime(s, k2023_12_01, k2024_01_01);          // ends at the period start: nowhere
    add_lifetime(s, k2023_12_01, k2024_02_01);          // ends at the period end: S, E
    add_lifetime(s, k2024_01_01 + 9, k2024_01_01 + 9);  // never active: nowhere
    EXPECT_EQ(s.at_start, 2);
    EXPECT_EQ(s.new_customers, 0);
    EXPECT_EQ(s.at_end, 2);
    EXPECT_EQ(s.lost, 0);
    EXPECT_EQ(*churn_rate(s), 0);
    EXPECT_EQ(*retention_rate(s), 100);
}

TEST(Retention, EmptyHasNoFigures)
{
    RetentionSummary s = empty_retention();
    EXPECT_FALSE(churn_rate(s));
    EXPECT_FALSE(retention_rate(s));
    EXPECT_FALSE(churn_interval(s, 0.95));
    char text[kRetentionTextCapacity];
    format_retention(s, text);
    EXPECT_STREQ(text, "v1 empty");
}

TEST(Retention, Errors)
{
    RetentionSummary s = empty_retention();
    EXPECT_THROW(check_period(TimeUnit::date, k2024_04_01, k2024_01_01), Error);
    EXPECT_THROW(check_period(TimeUnit::date, k2024_01_01, k2024_01_01), Error);
    use_period(s, TimeUnit::date, k2024_01_01, k2024_04_01);
    EXPECT_THROW(use_period(s, TimeUnit::date, k2024_01_01, k2024_02_01), Error);
    EXPECT_THROW(use_period(s, TimeUnit::timestamptz, k2024_01_01, k2024_04_01), Error);
    try {
        add_lifetime(s, k2024_02_01, k2024_01_01);
        FAIL() << "an end before the start must throw";
    } catch (const Error &e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_parameter);
    }

    RetentionSummary other = empty_retention();
    use_period(other, TimeUnit::date, k2024_01_01, k2024_02_01);
    EXPECT_THROW(merge(s, other), Error);
}

TEST(Retention, MergeAndText)
{
    RetentionSummary whole = reference_summary();
    RetentionSummary merged = empty_retention();
    merge(merged, whole);
    merge(merged, empty_retention());
    EXPECT_TRUE(equal(merged, whole));

    char text[kRetentionTextCapacity];
    format_retention(whole, text);
    EXPECT_STREQ(text, "v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1");
    EXPECT_TRUE(equal(parse_retention(text), whole));

    // 2024-01-01 00:00 UTC is 8766 days of 86,400,000,000 microseconds.
    RetentionSummary t = empty_retention();
    use_period(t, TimeUnit::timestamptz, 8766 * 86400000000LL + 500000, 8857 * 86400000000LL);
    format_retention(t, text);
    EXPECT_STREQ(text,
                 "v1 timestamptz 2024-01-01T00:00:00.500000Z/2024-04-01T00:00:00Z at_start=0 "
                 "new=0 at_end=0 lost=0 new_lost=0");
    EXPECT_TRUE(equal(parse_retention(text), t));

    EXPECT_THROW(parse_retention("v1 date 2024-02-30/2024-04-01 at_start=0 new=0 at_end=0 "
                                 "lost=0 new_lost=0"),
                 Error);
    EXPECT_THROW(parse_retention("v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=4 "
                                 "lost=1 new_lost=1"),
                 Error);
}

TEST(Retention, RemoveUndoesAdd)
{
    // Removing b (at start, lost) and e (new and lost) from the reference summary leaves
    // S 2, N 1, E 3, lost 0, new_lost 0: the summary of the others.
    RetentionSummary s = reference_summary();
    EXPECT_TRUE(remove_lifetime(s, k2023_06_01, k2024_02_15));
    EXPECT_TRUE(remove_lifetime(s, k2024_02_10, k2024_03_01));
    EXPECT_EQ(s.at_start, 2);
    EXPECT_EQ(s.new_customers, 1);
    EXPECT_EQ(s.at_end, 3);
    EXPECT_EQ(s.lost, 0);
    EXPECT_EQ(s.new_lost, 0);
    RetentionSummary others = empty_retention();
    use_period(others, TimeUnit::date, k2024_01_01, k2024_04_01);
    for (auto [started, ended] : {std::pair<int64_t, std::optional<int64_t>>{k2023_05_01, {}},
                                  {k2023_12_31, k2024_04_01},
                                  {k2024_02_01, {}},
                                  {k2024_04_01, {}},
                                  {k2022_01_01, k2023_12_01}})
        add_lifetime(others, started, ended);
    EXPECT_TRUE(equal(s, others));

    // Nobody lost from the start is left: removing b again changes nothing and says so. An end
    // before the start is the same error as when adding.
    RetentionSummary before = s;
    EXPECT_FALSE(remove_lifetime(s, k2023_06_01, k2024_02_15));
    EXPECT_TRUE(equal(s, before));
    EXPECT_THROW(remove_lifetime(s, k2024_02_01, k2024_01_01), Error);
}

TEST(Retention, SubtractUndoesMerge)
{
    RetentionSummary whole = reference_summary();
    RetentionSummary part = empty_retention();
    use_period(part, TimeUnit::date, k2024_01_01, k2024_04_01);
    add_lifetime(part, k2023_06_01, k2024_02_15);  // b: S 1, lost 1
    EXPECT_TRUE(subtract(whole, part));
    EXPECT_EQ(whole.at_start, 2);
    EXPECT_EQ(whole.lost, 0);
    EXPECT_EQ(whole.at_end, 3);
    EXPECT_TRUE(subtract(whole, empty_retention()));

    // More than whole holds, or a rest that counts nobody: false, whole unchanged.
    RetentionSummary before = whole;
    EXPECT_FALSE(subtract(whole, part));
    EXPECT_FALSE(subtract(whole, before));
    EXPECT_TRUE(equal(whole, before));
    RetentionSummary none = empty_retention();
    EXPECT_FALSE(subtract(none, reference_summary()));  // no period: holds nothing

    RetentionSummary other = empty_retention();
    use_period(other, TimeUnit::date, k2024_01_01, k2024_02_01);
    EXPECT_THROW(subtract(whole, other), Error);
}

TEST(Retention, FromCounts)
{
    EXPECT_EQ(*churn_rate_from_counts(200, 20), 10);
    EXPECT_EQ(*retention_rate_from_counts(200, 220, 40), 90);
    EXPECT_FALSE(churn_rate_from_counts(0, 0));
    EXPECT_FALSE(retention_rate_from_counts(0, 10, 10));
    EXPECT_THROW(churn_rate_from_counts(10, 20), Error);
    EXPECT_THROW(churn_rate_from_counts(-1, 0), Error);
    EXPECT_THROW(retention_rate_from_counts(200, 250, 40), Error);
    EXPECT_THROW(retention_rate_from_counts(200, 20, 40), Error);
}

TEST(LifetimeValue, Reference)
{
    // reference-values.md: 266.6666667; by hand 50 * 0.5 / 0.5 = 50.
    EXPECT_NEAR(clv(100, 80, 10), 266.6666667, 1e-9 * 266.6666667);
    EXPECT_DOUBLE_EQ(clv(50, 50, 0), 50);
    EXPECT_EQ(clv(100, 0, 10), 0);
    EXPECT_THROW(clv(100, 100, 10), Error);
    EXPECT_THROW(clv(100, -1, 10), Error);
    EXPECT_THROW(clv(100, 80, -1), Error);
}

}  // namespace
}  // namespace cx
