// The answer scales of the three survey metrics.
#pragma once

#include <cstdint>

namespace cx {

enum class Metric : uint8_t { nps = 1, csat = 2, ces = 3 };

// A scale of whole-number answers from lowest to highest.
struct Scale {
    int lowest;
    int highest;
    const char *name;  // as users write it: "NPS", "CSAT", "CES"

    constexpr int size() const { return highest - lowest + 1; }
    constexpr bool contains(int64_t score) const { return score >= lowest && score <= highest; }
};

// The largest scale: NPS, 0 to 10.
constexpr int kMaxScaleSize = 11;

// The scale of a metric: NPS 0-10, CSAT 1-5, CES 1-7 (7 = very easy).
constexpr Scale scale_of(Metric metric)
{
    switch (metric) {
        case Metric::nps:
            return {0, 10, "NPS"};
        case Metric::csat:
            return {1, 5, "CSAT"};
        case Metric::ces:
            return {1, 7, "CES"};
    }
    return {0, -1, "?"};
}

// NPS buckets: detractors answer 0-6, passives 7-8, promoters 9-10.
constexpr int kLastDetractor = 6;
constexpr int kFirstPromoter = 9;

// CSAT counts an answer of 4 or 5 as satisfied unless the caller chooses another cut.
constexpr int kDefaultSatisfiedFrom = 4;

}  // namespace cx
