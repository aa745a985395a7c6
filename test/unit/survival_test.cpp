// Unit tests of the core's Kaplan-Meier curves. Expected figures are worked out by hand in the
// comments.
#include <gtest/gtest.h>

#include <vector>

#include "core/survival.hpp"

namespace cx {
namespace {

// Builds a curve the way the aggregate does: counts into the sorted part, appends new
// durations to the tail, and compacts when the room (capacity) is full.
class Builder {
  public:
    explicit Builder(uint32_t capacity) : entries_(capacity), scratch_(capacity) {}

    void add(double duration, bool event)
    {
        check_duration(duration);
        if (count_in_sorted(entries_.data(), sorted_, duration, event))
            return;
        if (count_ == entries_.size()) {
            count_ = sorted_ = compact(entries_.data(), count_, sorted_, scratch_.data());
            if (count_in_sorted(entries_.data(), sorted_, duration, event))
                return;
            if (count_ == entries_.size()) {
                entries_.resize(entries_.size() * 2);
                scratch_.resize(entries_.size());
            }
        }
        entries_[count_++] = SurvivalEntry{duration, event ? 1 : 0, event ? 0 : 1};
    }

    SurvivalCurve curve()
    {
        count_ = sorted_ = compact(entries_.data(), count_, sorted_, scratch_.data());
        return SurvivalCurve{entries_.data(), count_};
    }

  private:
    std::vector<SurvivalEntry> entries_;
    std::vector<SurvivalEntry> scratch_;
    uint32_t count_ = 0;
    uint32_t sorted_ = 0;
};

// Durations 1 (left), 1 (left), 2 (left), 2 (censored), 3 (left), 5 (censored), in a scattered
// order and with a small room so that the tail is compacted several times.
SurvivalCurve six(Builder &b)
{
    b.add(5, false);
    b.add(2, true);
    b.add(1, true);
    b.add(3, true);
    b.add(2, false);
    b.add(1, true);
    return b.curve();
}

TEST(Survival, StepFunction)
{
    Builder b(2);
    SurvivalCurve c = six(b);
    ASSERT_EQ(c.count, 4u);
    EXPECT_EQ(customers(c), 6);

    // S(1) = 4/6; at 2 the censored customer is still at risk: 4/6 * 3/4 = 1/2; S(3) = 1/4.
    EXPECT_DOUBLE_EQ(*survival_at(c, 0.999), 100);
    EXPECT_NEAR(*survival_at(c, 1), 100 * 4.0 / 6, 1e-12);
    EXPECT_NEAR(*survival_at(c, 2.5), 50, 1e-12);
    EXPECT_NEAR(*survival_at(c, 3), 25, 1e-12);
    EXPECT_NEAR(*survival_at(c, 1e9), 25, 1e-12);
    EXPECT_EQ(*median_lifetime(c), 2);
}

TEST(Survival, NoMedianAndEmpty)
{
    Builder b(4);
    b.add(1, true);
    b.add(2, false);
    b.add(3, false);
    b.add(4, false);
    SurvivalCurve c = b.curve();
    EXPECT_DOUBLE_EQ(*survival_at(c, 10), 75);
    EXPECT_FALSE(median_lifetime(c));

    SurvivalCurve empty{nullptr, 0};
    EXPECT_FALSE(survival_at(empty, 1));
    EXPECT_FALSE(median_lifetime(empty));
}

TEST(Survival, MergeAndText)
{
    Builder a(8), b(8), whole(8);
    a.add(1, true);
    a.add(2, false);
    b.add(2, true);
    b.add(0.5, false);
    for (auto [d, e] : {std::pair{1.0, true}, {2.0, false}, {2.0, true}, {0.5, false}})
        whole.add(d, e);

    SurvivalEntry out[4];
    uint32_t n = merge_curves(a.curve(), b.curve(), out);
    EXPECT_TRUE(equal(SurvivalCurve{out, n}, whole.curve()));

    char text[256];
    format_survival(SurvivalCurve{out, n}, text);
    EXPECT_STREQ(text, "v1 0.5:0/1 1:1/0 2:1/1");
    SurvivalEntry back[3];
    uint32_t m = parse_survival(text, back, survival_text_entries(text));
    EXPECT_TRUE(equal(SurvivalCurve{back, m}, SurvivalCurve{out, n}));

    EXPECT_THROW(parse_survival("v1 2:1/0 1:1/0", back, 3), Error);
    EXPECT_THROW(parse_survival("v1 1:0/0", back, 3), Error);
    EXPECT_THROW(parse_survival("v1 1 2", back, 0), Error);
}

TEST(Survival, UncountAndSubtract)
{
    // Sorted 1:2/0 2:1/1 and a tail holding 0.5:0/1.
    SurvivalEntry e[4] = {{1, 2, 0}, {2, 1, 1}, {0.5, 0, 1}};
    uint32_t count = 3, sorted = 2;
    EXPECT_EQ(find_in_sorted(e, sorted, 2), 1u);
    EXPECT_EQ(find_in_sorted(e, sorted, 0.5), sorted);  // in the tail only

    // Censored at 2 leaves 2:1/0; then the event at 2 drops the duration, the tail moving down.
    EXPECT_TRUE(uncount_at(e, count, sorted, 1, false));
    EXPECT_EQ(e[1].censored, 0);
    EXPECT_FALSE(uncount_at(e, count, sorted, 1, false));
    EXPECT_TRUE(uncount_at(e, count, sorted, 1, true));
    EXPECT_EQ(count, 2u);
    EXPECT_EQ(sorted, 1u);
    EXPECT_EQ(e[1].duration, 0.5);

    // 1:2/0 2:1/1 minus 1:1/0 2:1/1 is 1:1/0; minus 3:1/0 or 1:3/0, impossible.
    SurvivalEntry whole[] = {{1, 2, 0}, {2, 1, 1}};
    SurvivalEntry part[] = {{1, 1, 0}, {2, 1, 1}};
    SurvivalEntry out[2];
    uint32_t n = 0;
    EXPECT_TRUE(subtract_curves({whole, 2}, {part, 2}, out, n));
    ASSERT_EQ(n, 1u);
    EXPECT_EQ(out[0].duration, 1);
    EXPECT_EQ(out[0].events, 1);
    EXPECT_TRUE(subtract_curves({whole, 2}, {whole, 2}, out, n));
    EXPECT_EQ(n, 0u);
    SurvivalEntry absent[] = {{3, 1, 0}};
    SurvivalEntry too_many[] = {{1, 3, 0}};
    EXPECT_FALSE(subtract_curves({whole, 2}, {absent, 1}, out, n));
    EXPECT_FALSE(subtract_curves({whole, 2}, {too_many, 1}, out, n));
}

TEST(Survival, BadDurations)
{
    EXPECT_THROW(check_duration(-1), Error);
    EXPECT_THROW(check_duration(1.0 / 0.0), Error);
    EXPECT_NO_THROW(check_duration(0));
}

}  // namespace
}  // namespace cx
