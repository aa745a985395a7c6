// Building, merging, subtracting and the text form of score summaries.
#include "core/score_summary.hpp"

#include <cstring>
#include <limits>
#include <random>

#include "core/score_metrics.hpp"
#include "core/summary_text.hpp"
#include "test_support.hpp"

namespace cx {
namespace {

using test::summary_of;

// Text of a summary.
std::string text_of(const ScoreSummary &s)
{
    char buf[kSummaryTextCapacity];
    format_summary(s, buf);
    return buf;
}

// A random summary of metric: counts up to max_count, weighted when asked.
ScoreSummary random_summary(std::mt19937_64 &rng, Metric metric, int64_t max_count, bool weighted)
{
    ScoreSummary s = empty_summary(metric);
    std::uniform_int_distribution<int64_t> count(0, max_count);
    std::uniform_real_distribution<double> weight(0.0, 3.0);
    Scale scale = scale_of(metric);
    for (int i = 0; i < scale.size(); i++) {
        if (!weighted) {
            s.counts[i] = count(rng);
            continue;
        }
        for (int64_t n = count(rng) % 20; n > 0; n--)
            EXPECT_TRUE(add_weighted_score(s, scale.lowest + i, weight(rng)));
    }
    return stored_form(s);
}

TEST(ScoreSummary, LayoutIsFrozen)
{
    EXPECT_EQ(sizeof(ScoreSummary), 192u);
    EXPECT_EQ(offsetof(ScoreSummary, counts), 8u);
    EXPECT_EQ(offsetof(ScoreSummary, weights), 96u);
    EXPECT_EQ(offsetof(ScoreSummary, weight_squares), 184u);
}

TEST(ScoreSummary, ScoresOffTheScaleAreOutOfRange)
{
    for (double bad : {11.0, -1.0, 8.5, std::nan(""), 1e300}) {
        try {
            check_score(Metric::nps, bad);
            ADD_FAILURE() << "accepted " << bad;
        } catch (const Error &e) {
            EXPECT_EQ(e.kind(), ErrorKind::out_of_range);
            EXPECT_NE(e.detail().find("0 to 10"), std::string::npos) << e.detail();
            EXPECT_NE(e.hint().find("NULLIF"), std::string::npos);
        }
    }
    EXPECT_THROW(check_score(Metric::csat, int64_t{0}), Error);
    EXPECT_THROW(check_score(Metric::csat, int64_t{6}), Error);
    EXPECT_THROW(check_score(Metric::ces, int64_t{8}), Error);
    EXPECT_NO_THROW(check_score(Metric::ces, 7.0));
}

TEST(ScoreSummary, MergeAddsCountsAndSubtractUndoesIt)
{
    ScoreSummary a = summary_of(Metric::nps, {10, 9, 3});
    ScoreSummary b = summary_of(Metric::nps, {7, 8, 0, 10});
    ScoreSummary sum = a;
    merge(sum, b);
    EXPECT_TRUE(equal(sum, summary_of(Metric::nps, {10, 9, 3, 7, 8, 0, 10})));
    subtract(sum, b);
    EXPECT_TRUE(equal(sum, a));
    EXPECT_THROW(subtract(sum, b), Error);
}

TEST(ScoreSummary, MergeOverflowIsOutOfRange)
{
    ScoreSummary a = empty_summary(Metric::csat);
    a.counts[0] = INT64_MAX;
    ScoreSummary b = summary_of(Metric::csat, {1});
    try {
        merge(a, b);
        ADD_FAILURE() << "overflow not detected";
    } catch (const Error &e) {
        EXPECT_EQ(e.kind(), ErrorKind::out_of_range);
    }
}

TEST(ScoreSummary, BucketsOnlyStayBucketsWhenMerged)
{
    ScoreSummary buckets = nps_from_buckets(1, 2, 3);
    ScoreSummary scores = summary_of(Metric::nps, {0, 10, 8});
    merge(scores, buckets);
    EXPECT_TRUE(is_buckets_only(scores));
    EXPECT_EQ(detractors(scores), 2);
    EXPECT_EQ(passives(scores), 3);
    EXPECT_EQ(promoters(scores), 4);
    // By hand: (4 - 2) / 9 promoters minus detractors.
    EXPECT_DOUBLE_EQ(*nps(scores), 100.0 * 2 / 9);
}

TEST(ScoreSummary, WeightedInverseIsExactOrRefuses)
{
    ScoreSummary s = empty_summary(Metric::ces);
    add_weighted_score(s, 3, 2);
    add_weighted_score(s, 5, 4);
    EXPECT_TRUE(remove_weighted_score(s, 3, 2));
    ScoreSummary direct = empty_summary(Metric::ces);
    add_weighted_score(direct, 5, 4);
    EXPECT_TRUE(equal(s, direct));

    add_weighted_score(s, 4, 0.1);
    EXPECT_FALSE(remove_weighted_score(s, 4, 0.1));
}

TEST(ScoreSummary, RemovingAWeightNeverAddedIsRefused)
{
    ScoreSummary s = empty_summary(Metric::nps);
    ASSERT_TRUE(add_weighted_score(s, 9, 3));
    ASSERT_TRUE(add_weighted_score(s, 10, 2));
    ScoreSummary before = s;
    EXPECT_FALSE(remove_weighted_score(s, 9, 1));
    EXPECT_FALSE(remove_weighted_score(s, 9, 5));
    EXPECT_TRUE(equal(s, before));
    EXPECT_TRUE(remove_weighted_score(s, 9, 3));
}

TEST(ScoreSummary, EmptiedWindowReturnsToCanonicalEmpty)
{
    ScoreSummary s = empty_summary(Metric::nps);
    add_weighted_score(s, 9, 3);
    EXPECT_TRUE(remove_weighted_score(s, 9, 3));
    EXPECT_TRUE(equal(s, empty_summary(Metric::nps)));
}

TEST(SummaryText, ReadableForms)
{
    EXPECT_EQ(text_of(summary_of(Metric::nps, {0, 0, 0, 7, 7, 10, 10, 10, 10, 10})),
              "v1 counts=[3,0,0,0,0,0,0,2,0,0,5]");
    EXPECT_EQ(text_of(nps_from_buckets(3, 2, 5)), "v1 buckets=[3,2,5]");
    ScoreSummary w = empty_summary(Metric::csat);
    add_weighted_score(w, 1, 2.5);
    add_weighted_score(w, 5, 0.5);
    EXPECT_EQ(text_of(w), "v1 counts=[1,0,0,0,1] weights=[2.5,0,0,0,0.5] squares=6.5");
}

TEST(SummaryText, LargestUnweightedFitsInOdbcDefault)
{
    ScoreSummary s = empty_summary(Metric::nps);
    for (int i = 0; i < 11; i++)
        s.counts[i] = 999999999999;  // below 10^12
    EXPECT_LE(text_of(s).size(), 255u);
}

TEST(SummaryText, RandomSummariesRoundTripExactly)
{
    std::mt19937_64 rng(20261203);
    for (Metric metric : {Metric::nps, Metric::csat, Metric::ces}) {
        for (int i = 0; i < 2000; i++) {
            bool weighted = i % 2 == 1;
            int64_t max_count = i % 3 == 0 ? 1000000000000 : 50;
            ScoreSummary s = random_summary(rng, metric, max_count, weighted);
            ScoreSummary back = parse_summary(text_of(s).c_str(), metric);
            ASSERT_EQ(std::memcmp(&s, &back, sizeof s), 0) << text_of(s);
        }
    }
}

TEST(SummaryText, MalformedTextNamesThePosition)
{
    const char *bad[] = {
        "",
        "v2 counts=[0,0,0,0,0]",
        "v1 counts=[0,0,0,0]",
        "v1 counts=[0,0,0,0,0,0]",
        "v1 counts=[0,0,-1,0,0]",
        "v1 counts=[0,0,x,0,0]",
        "v1 counts=[0,0,0,0,0] trailing",
        "v1 counts=[1,0,0,0,0] weights=[1,0,0,0,0]",
        "v1 counts=[1,0,0,0,0] weights=[nan,0,0,0,0] squares=1",
        "v1 counts=[0,0,0,0,0] weights=[1,0,0,0,0] squares=1",
        "v1 buckets=[1,2,3]",
        "v1 counts=[-0,0,0,0,0]",
        "v1 counts=[1,0,0,0,0] weights=[1,0,0,0,0] squares=1e-300",
    };
    for (const char *text : bad) {
        try {
            parse_summary(text, Metric::csat);
            ADD_FAILURE() << "accepted \"" << text << "\"";
        } catch (const Error &e) {
            EXPECT_EQ(e.kind(), ErrorKind::invalid_text) << text;
        }
    }
}

TEST(SummaryText, CountsBeyondTheRangeAreOutOfRange)
{
    for (const char *text :
         {"v1 counts=[99999999999999999999,0,0,0,0]", "v1 counts=[9223372036854775807,1,0,0,0]"}) {
        try {
            parse_summary(text, Metric::csat);
            ADD_FAILURE() << "accepted \"" << text << "\"";
        } catch (const Error &e) {
            EXPECT_EQ(e.kind(), ErrorKind::out_of_range) << text;
        }
    }
}

TEST(SummaryText, LongestFormFits)
{
    ScoreSummary s = empty_summary(Metric::nps);
    s.flags = kWeighted;
    for (int i = 0; i < 11; i++) {
        s.counts[i] = 999999999999999999;
        s.weights[i] = 1.2345678901234567e-123;
    }
    s.weight_squares = 1.2345678901234567e-123;
    char buf[kSummaryTextCapacity];
    size_t n = format_summary(s, buf);
    EXPECT_LT(n, kSummaryTextCapacity);
    EXPECT_EQ(std::strlen(buf), n);
}

TEST(ScoreSummary, HugeAndTinyWeightsAreRejectedOrReported)
{
    EXPECT_THROW(check_weight(1e200), Error);
    EXPECT_THROW(check_weight(1e-200), Error);
    EXPECT_NO_THROW(check_weight(0));
    EXPECT_NO_THROW(check_weight(1e150));
    ScoreSummary s = empty_summary(Metric::nps);
    ASSERT_TRUE(add_weighted_score(s, 10, 1e150));
    EXPECT_DOUBLE_EQ(s.weight_squares, 1e300);
    // A sum of squares at the top of double precision cannot take another 1e300.
    s.weight_squares = std::numeric_limits<double>::max();
    ScoreSummary before = s;
    EXPECT_FALSE(add_weighted_score(s, 10, 1e150));
    EXPECT_TRUE(equal(s, before));
}

TEST(ScoreSummary, CountOverflowLeavesTheSummaryUnchanged)
{
    ScoreSummary s = empty_summary(Metric::csat);
    s.counts[4] = INT64_MAX;
    EXPECT_FALSE(add_score(s, 5));
    EXPECT_EQ(s.counts[4], INT64_MAX);
}

TEST(ScoreSummary, WeightedSubtractionChecksTheWeights)
{
    ScoreSummary whole = empty_summary(Metric::nps);
    ASSERT_TRUE(add_weighted_score(whole, 10, 1));
    ScoreSummary part = empty_summary(Metric::nps);
    ASSERT_TRUE(add_weighted_score(part, 10, 5));
    EXPECT_THROW(subtract(whole, part), Error);
}

TEST(ScoreSummary, EmptyBucketSummaryIsTheEmptySummary)
{
    EXPECT_TRUE(equal(nps_from_buckets(0, 0, 0), empty_summary(Metric::nps)));
}

TEST(ScoreSummary, MergeIsAssociativeAndCommutative)
{
    std::mt19937_64 rng(7);
    for (int i = 0; i < 500; i++) {
        bool weighted = i % 2 == 1;
        ScoreSummary a = random_summary(rng, Metric::nps, 1000, weighted);
        ScoreSummary b = random_summary(rng, Metric::nps, 1000, weighted);
        ScoreSummary c = random_summary(rng, Metric::nps, 1000, weighted);
        ScoreSummary ab_c = a, a_bc = a, bc = b, ba = b, ab = a;
        merge(ab_c, b);
        merge(ab_c, c);
        merge(bc, c);
        merge(a_bc, bc);
        merge(ab, b);
        merge(ba, a);
        if (!weighted) {
            EXPECT_TRUE(equal(ab_c, a_bc));
            EXPECT_TRUE(equal(ab, ba));
            continue;
        }
        for (int k = 0; k < 11; k++) {
            EXPECT_EQ(ab_c.counts[k], a_bc.counts[k]);
            EXPECT_NEAR(ab_c.weights[k], a_bc.weights[k], 1e-12 * ab_c.weights[k]);
        }
        if (nps(ab_c))
            EXPECT_NEAR(*nps(ab_c), *nps(a_bc), 1e-12 * std::fabs(*nps(ab_c)) + 1e-12);
        EXPECT_TRUE(equal(ab, ba));
    }
}

}  // namespace
}  // namespace cx
