// Figures of score summaries against ../shared/reference-values.md (the "reference" comments
// name the row of that file each expectation comes from).
#include "core/score_metrics.hpp"

#include "test_support.hpp"

namespace cx {
namespace {

using test::near_reference;
using test::repeated;
using test::summary_of;

TEST(Nps, EmptyIsNull)
{
    ScoreSummary s = empty_summary(Metric::nps);
    EXPECT_FALSE(nps(s));
    EXPECT_FALSE(std_error(s));
    EXPECT_FALSE(confidence_interval(s, 0.95));
    EXPECT_EQ(responses(s), 0);
}

TEST(Nps, AllPromotersOrDetractors)
{
    EXPECT_EQ(*nps(summary_of(Metric::nps, {10})), 100);
    EXPECT_EQ(*nps(summary_of(Metric::nps, {0})), -100);
    EXPECT_EQ(*std_error(summary_of(Metric::nps, {9, 10, 9, 10, 9})), 0);
    EXPECT_EQ(*nps(summary_of(Metric::nps, {0, 1, 2, 3, 4, 5, 6})), -100);
    EXPECT_EQ(*std_error(summary_of(Metric::nps, {0, 1, 2, 3, 4, 5, 6})), 0);
    EXPECT_EQ(*std_error(summary_of(Metric::nps, {7, 8, 7})), 0);
}

TEST(Nps, ReferenceRows)
{
    // reference: 6, 7, 8, 9
    ScoreSummary a = summary_of(Metric::nps, {6, 7, 8, 9});
    EXPECT_EQ(*nps(a), 0);
    EXPECT_EQ(detractors(a), 1);
    EXPECT_EQ(passives(a), 2);
    EXPECT_EQ(promoters(a), 1);
    EXPECT_TRUE(near_reference(*std_error(a), 35.35533906));
    EXPECT_TRUE(near_reference(confidence_interval(a, 0.95)->lower, -69.29519122));
    EXPECT_TRUE(near_reference(confidence_interval(a, 0.95)->upper, 69.29519122));

    // reference: 0, 1, ..., 10
    ScoreSummary b = summary_of(Metric::nps, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    EXPECT_TRUE(near_reference(*nps(b), -45.45454545));
    EXPECT_TRUE(near_reference(*std_error(b), 23.57907871));
    EXPECT_TRUE(near_reference(confidence_interval(b, 0.95)->lower, -91.66869051));
    EXPECT_TRUE(near_reference(confidence_interval(b, 0.95)->upper, 0.7595995997));

    // reference: 1, 2, 6, 7, 8 (lower bound clamped)
    ScoreSummary c = summary_of(Metric::nps, {1, 2, 6, 7, 8});
    EXPECT_EQ(*nps(c), -60);
    EXPECT_TRUE(near_reference(*std_error(c), 21.90890230));
    EXPECT_EQ(confidence_interval(c, 0.95)->lower, -100);
    EXPECT_TRUE(near_reference(confidence_interval(c, 0.95)->upper, -17.05934055));

    EXPECT_TRUE(near_reference(*nps(summary_of(Metric::nps, {1, 7, 7, 8, 9, 10})), 16.66666667));
    EXPECT_TRUE(
        near_reference(*std_error(summary_of(Metric::nps, {1, 7, 7, 8, 9, 10})), 28.05418038));
    EXPECT_TRUE(
        near_reference(*std_error(summary_of(Metric::nps, {1, 8, 8, 10, 5, 9})), 33.33333333));
    EXPECT_EQ(*nps(summary_of(Metric::nps, {10, 0})), 0);
    EXPECT_TRUE(near_reference(*std_error(summary_of(Metric::nps, {10, 0})), 70.71067812));
}

TEST(Nps, IntervalsAndMargin)
{
    // reference: 50 x 10, 30 x 7, 20 x 3
    ScoreSummary s = repeated(Metric::nps, {{10, 50}, {7, 30}, {3, 20}});
    EXPECT_EQ(*nps(s), 30);
    EXPECT_TRUE(near_reference(*std_error(s), 7.810249676));
    EXPECT_TRUE(near_reference(confidence_interval(s, 0.95)->lower, 14.69219192));
    EXPECT_TRUE(near_reference(confidence_interval(s, 0.95)->upper, 45.30780808));
    EXPECT_TRUE(near_reference(confidence_interval(s, 0.99)->lower, 9.882130017));
    EXPECT_TRUE(near_reference(confidence_interval(s, 0.99)->upper, 50.11786998));
    EXPECT_TRUE(near_reference(*margin_of_error(s, 0.95), 15.30780808));
}

TEST(Nps, Weighted)
{
    // reference: 10, 0, 8 with weights 2, 1, 1
    ScoreSummary s = empty_summary(Metric::nps);
    EXPECT_TRUE(add_weighted_score(s, 10, 2));
    EXPECT_TRUE(add_weighted_score(s, 0, 1));
    EXPECT_TRUE(add_weighted_score(s, 8, 1));
    EXPECT_EQ(*nps(s), 25);
    EXPECT_TRUE(near_reference(effective_responses(s), 2.666666667));
    EXPECT_TRUE(near_reference(*std_error(s), 50.77524003));
    EXPECT_EQ(responses(s), 3);
}

TEST(Nps, ZeroWeightsKeepRowsButNotFigures)
{
    ScoreSummary s = empty_summary(Metric::nps);
    EXPECT_TRUE(add_weighted_score(s, 10, 0));
    EXPECT_TRUE(add_weighted_score(s, 3, 0));
    EXPECT_EQ(responses(s), 2);
    EXPECT_FALSE(nps(s));
    EXPECT_FALSE(std_error(s));
}

TEST(Nps, Compare)
{
    // reference: 50 x 10, 30 x 7, 20 x 3 against 50 promoters, 25 passives, 25 detractors
    ScoreSummary a = repeated(Metric::nps, {{10, 50}, {7, 30}, {3, 20}});
    ScoreSummary b = nps_from_buckets(25, 25, 50);
    Comparison c = compare(a, b);
    EXPECT_TRUE(near_reference(*c.difference, 5));
    EXPECT_TRUE(near_reference(*c.std_error, 11.39078575));
    EXPECT_TRUE(near_reference(*c.statistic, 0.4389512813));
    EXPECT_TRUE(near_reference(*c.p_value, 0.6606968377));
}

TEST(Nps, CompareWithoutVarianceHasNoStatistic)
{
    Comparison c = compare(summary_of(Metric::nps, {10}), summary_of(Metric::nps, {10, 9}));
    EXPECT_EQ(*c.difference, 0);
    EXPECT_EQ(*c.std_error, 0);
    EXPECT_FALSE(c.statistic);
    EXPECT_FALSE(c.p_value);
    EXPECT_FALSE(compare(summary_of(Metric::nps, {10}), empty_summary(Metric::nps)).difference);
}

TEST(Csat, ReferenceRows)
{
    // reference: counts 5: 42, 4: 32, 3: 10, 2: 9, 1: 14 (n 107)
    ScoreSummary s = repeated(Metric::csat, {{5, 42}, {4, 32}, {3, 10}, {2, 9}, {1, 14}});
    EXPECT_TRUE(near_reference(*csat(s), 69.15887850));
    EXPECT_TRUE(near_reference(*std_error(s), 4.464750178));
    EXPECT_TRUE(near_reference(confidence_interval(s, 0.95)->lower, 59.87150913));
    EXPECT_TRUE(near_reference(confidence_interval(s, 0.95)->upper, 77.11826025));
    EXPECT_TRUE(near_reference(*margin_of_error(s, 0.95), 8.750749549));

    EXPECT_EQ(*csat(summary_of(Metric::csat, {1, 2, 3, 4, 5})), 40);
    EXPECT_EQ(*csat(summary_of(Metric::csat, {1, 2, 3, 4})), 25);
    EXPECT_EQ(*csat(summary_of(Metric::csat, {3, 3})), 0);
    EXPECT_FALSE(csat(empty_summary(Metric::csat)));
}

TEST(Csat, WilsonAtTheEdges)
{
    // reference: 0 satisfied of 5, 5 satisfied of 5
    ScoreSummary none = repeated(Metric::csat, {{2, 5}});
    EXPECT_TRUE(near_reference(confidence_interval(none, 0.95)->lower, 0));
    EXPECT_TRUE(near_reference(confidence_interval(none, 0.95)->upper, 43.44824648));
    ScoreSummary all = repeated(Metric::csat, {{5, 5}});
    EXPECT_TRUE(near_reference(confidence_interval(all, 0.95)->lower, 56.55175352));
    EXPECT_TRUE(near_reference(confidence_interval(all, 0.95)->upper, 100));
}

TEST(Csat, WeightedAndOtherCuts)
{
    // reference: 5, 4, 1 with weights 1, 2, 1
    ScoreSummary s = empty_summary(Metric::csat);
    EXPECT_TRUE(add_weighted_score(s, 5, 1));
    EXPECT_TRUE(add_weighted_score(s, 4, 2));
    EXPECT_TRUE(add_weighted_score(s, 1, 1));
    EXPECT_EQ(*csat(s), 75);
    // By hand: only the 5 (weight 1) of total weight 4 is at or above 5.
    EXPECT_EQ(*csat(s, 5), 25);
    EXPECT_THROW(csat(s, 6), Error);
}

TEST(Csat, Compare)
{
    // reference: 18 satisfied of 20 against 10 of 20
    ScoreSummary a = repeated(Metric::csat, {{5, 18}, {1, 2}});
    ScoreSummary b = repeated(Metric::csat, {{4, 10}, {2, 10}});
    Comparison c = compare(a, b);
    EXPECT_TRUE(near_reference(*c.difference, 40));
    EXPECT_TRUE(near_reference(*c.std_error, 14.49137675));
    EXPECT_TRUE(near_reference(*c.statistic, 2.760262237));
    EXPECT_TRUE(near_reference(*c.p_value, 0.005775498089));
}

TEST(Ces, ReferenceRows)
{
    // reference: 7, 6, 5, 4, 3, 2, 1
    ScoreSummary s = summary_of(Metric::ces, {7, 6, 5, 4, 3, 2, 1});
    EXPECT_EQ(*ces(s), 4);
    EXPECT_TRUE(near_reference(*std_dev(s), 2.160246899));
    EXPECT_TRUE(near_reference(*std_error(s), 0.8164965809));
    // The reference gives [2.002104842, 5.997895158] and margin 1.997895158, computed with a
    // t quantile good to about 1e-9. R's qt(0.975, 6) = 2.446911851144969 (t.test gives
    // [2.0021048397086, 5.9978951602914]); compare with R's figures within 1e-9.
    EXPECT_TRUE(near_reference(confidence_interval(s, 0.95)->lower, 2.0021048397086));
    EXPECT_TRUE(near_reference(confidence_interval(s, 0.95)->upper, 5.9978951602914));
    EXPECT_TRUE(near_reference(*margin_of_error(s, 0.95), 1.9978951602914));
    EXPECT_NEAR(confidence_interval(s, 0.95)->lower, 2.002104842, 1e-8);

    // reference: 5, 6, 7, 7 (upper bound clamped)
    ScoreSummary t = summary_of(Metric::ces, {5, 6, 7, 7});
    EXPECT_EQ(*ces(t), 6.25);
    EXPECT_TRUE(near_reference(*std_dev(t), 0.9574271078));
    EXPECT_TRUE(near_reference(confidence_interval(t, 0.95)->lower, 4.726519819));
    EXPECT_EQ(confidence_interval(t, 0.95)->upper, 7);

    EXPECT_EQ(*ces(summary_of(Metric::ces, {4, 4})), 4);
    ScoreSummary one = summary_of(Metric::ces, {6});
    EXPECT_EQ(*ces(one), 6);
    EXPECT_FALSE(std_error(one));
    EXPECT_FALSE(confidence_interval(one, 0.95));
    EXPECT_FALSE(ces(empty_summary(Metric::ces)));
}

TEST(Ces, WelchCompare)
{
    // reference: 5, 6, 7 against 3, 4, 5, 6
    Comparison c =
        compare(summary_of(Metric::ces, {5, 6, 7}), summary_of(Metric::ces, {3, 4, 5, 6}));
    EXPECT_TRUE(near_reference(*c.difference, 1.5));
    EXPECT_TRUE(near_reference(*c.std_error, 0.8660254038));
    EXPECT_TRUE(near_reference(*c.statistic, 1.732050808));
    EXPECT_TRUE(near_reference(*c.p_value, 0.1442930431));
}

TEST(Statistics, BadConfidenceIsInvalidParameter)
{
    ScoreSummary s = summary_of(Metric::nps, {10, 0});
    for (double bad : {0.0, 1.0, -0.5, 1.5, std::nan("")}) {
        try {
            margin_of_error(s, bad);
            ADD_FAILURE() << "accepted confidence " << bad;
        } catch (const Error &e) {
            EXPECT_EQ(e.kind(), ErrorKind::invalid_parameter);
        }
    }
}

}  // namespace
}  // namespace cx
