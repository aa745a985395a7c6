// The storable summary of survey answers on one scale: a histogram of answers, and the weight
// sums that weighted figures need. It is the state of every score aggregate and the stored value
// of the SQL types nps_summary, csat_summary and ces_summary, so its layout is frozen.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>

#include "core/error.hpp"
#include "core/scale.hpp"

namespace cx {

// Flags of a summary. Only kWeighted and kBucketsOnly are ever stored.
enum SummaryFlag : uint16_t {
    kWeighted = 1 << 0,     // weights[] and weight_squares hold the weighted sums
    kBucketsOnly = 1 << 1,  // NPS from bucket counts: no per-score counts are known
    // Set while aggregating when the weight sums may have rounded, so that removing a row
    // by subtraction would no longer equal a recomputation. Cleared before a summary is stored.
    kInexactWeights = 1 << 15,
};

constexpr uint16_t kStoredFlags = kWeighted | kBucketsOnly;
constexpr uint8_t kSummaryVersion = 1;

// Bucket-only NPS summaries keep their three counts in these score slots.
constexpr int kDetractorSlot = 0;
constexpr int kPassiveSlot = 7;
constexpr int kPromoterSlot = 9;

// Fixed-size and trivially copyable: PostgreSQL copies it as bytes.
struct ScoreSummary {
    uint8_t version;
    uint8_t metric;  // a Metric
    uint16_t flags;
    uint32_t reserved;              // always zero
    int64_t counts[kMaxScaleSize];  // answers per score, from the scale's lowest
    double weights[kMaxScaleSize];  // sum of weights per score, when kWeighted
    double weight_squares;          // sum of squared weights, when kWeighted
};

static_assert(std::is_trivially_copyable<ScoreSummary>::value, "summaries are copied as bytes");
static_assert(sizeof(ScoreSummary) == 192, "the stored layout of a summary is frozen");

inline Metric metric_of(const ScoreSummary &s) { return static_cast<Metric>(s.metric); }
inline Scale scale_of(const ScoreSummary &s) { return scale_of(metric_of(s)); }
inline bool is_weighted(const ScoreSummary &s) { return (s.flags & kWeighted) != 0; }
inline bool is_buckets_only(const ScoreSummary &s) { return (s.flags & kBucketsOnly) != 0; }

// An empty summary of a metric.
ScoreSummary empty_summary(Metric metric);

// Counts one answer; the caller has checked that it lies on the scale. False, leaving the
// summary unchanged, if the count would overflow.
inline bool add_score(ScoreSummary &s, int score)
{
    int64_t &count = s.counts[score - scale_of(s).lowest];
    int64_t next;
    if (__builtin_add_overflow(count, 1, &next))
        return false;
    count = next;
    return true;
}

// Removes one answer that add_score counted; false if the summary does not hold it.
inline bool remove_score(ScoreSummary &s, int score)
{
    int64_t &count = s.counts[score - scale_of(s).lowest];
    if (count == 0)
        return false;
    count--;
    return true;
}

// Counts one weighted answer; weight is valid (see check_weight). False, leaving the summary
// unchanged, if a count or a weight sum would overflow.
bool add_weighted_score(ScoreSummary &s, int score, double weight);

// Removes one weighted answer exactly; false when that is impossible and the caller must
// recompute instead (the weight sums may have rounded, or do not hold the answer).
bool remove_weighted_score(ScoreSummary &s, int score, double weight);

// Weights are 0 or lie between these bounds, so that their squares and sums stay normal doubles.
constexpr double kSmallestWeight = 1e-150;
constexpr double kLargestWeight = 1e150;

// Throws invalid_parameter unless weight is 0 or between kSmallestWeight and kLargestWeight.
void check_weight(double weight);

// Whether check_weight accepts weight.
inline bool valid_weight(double weight)
{
    return weight == 0 || (weight >= kSmallestWeight && weight <= kLargestWeight);
}

// Throws out_of_range, naming the value and the scale, unless score is a whole number on it.
void check_score(Metric metric, double score);
[[noreturn]] void reject_score(Metric metric, const std::string &shown, bool whole);
void check_score(Metric metric, int64_t score);

// Adds every answer of from into into. Throws out_of_range if a count would overflow.
void merge(ScoreSummary &into, const ScoreSummary &from);

// Removes the answers of part from whole, which must contain them; throws out_of_range if a
// count would go negative.
void subtract(ScoreSummary &whole, const ScoreSummary &part);

// An NPS summary from published bucket counts, which knows no per-score counts.
ScoreSummary nps_from_buckets(int64_t detractors, int64_t passives, int64_t promoters);

// A summary from published counts per score, lowest score first.
ScoreSummary from_counts(Metric metric, const int64_t *counts, int n);

// Throws (with the given kind) unless s is a well-formed stored summary of metric.
void validate(const ScoreSummary &s, Metric metric, ErrorKind kind);

// The summary as stored: transient flags cleared.
ScoreSummary stored_form(const ScoreSummary &s);

// Whether two summaries hold the same answers and weights.
bool equal(const ScoreSummary &a, const ScoreSummary &b);

// Rows counted (unweighted), and per NPS bucket.
int64_t responses(const ScoreSummary &s);
int64_t detractors(const ScoreSummary &s);
int64_t passives(const ScoreSummary &s);
int64_t promoters(const ScoreSummary &s);

}  // namespace cx
