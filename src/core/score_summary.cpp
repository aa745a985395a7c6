// Building, merging and checking score summaries.
#include "core/score_summary.hpp"

#include <cmath>
#include <cstring>
#include <string>

#include "core/error.hpp"
#include "core/number_text.hpp"

namespace cx {
namespace {

// Weight sums up to 2^53 of whole-number weights are exact in a double.
constexpr double kExactLimit = 9007199254740992.0;

// Adds two counts, throwing out_of_range on overflow.
int64_t add_counts(int64_t a, int64_t b)
{
    int64_t sum;
    if (__builtin_add_overflow(a, b, &sum))
        throw Error(ErrorKind::out_of_range, "summary count out of range",
                    "The result would exceed the largest count, 2^63 - 1.");
    return sum;
}

// Total answers of a summary, throwing out_of_range if it does not fit in a count.
int64_t total_count(const ScoreSummary &s)
{
    int64_t total = 0;
    for (int i = 0; i < scale_of(s).size(); i++)
        if (s.counts[i] < 0 || __builtin_add_overflow(total, s.counts[i], &total))
            throw Error(ErrorKind::out_of_range, "summary count out of range",
                        "The answers of the summary add up to more than 2^63 - 1.");
    return total;
}

// Answers with scores from first to last of an NPS summary, throwing out_of_range on overflow.
int64_t count_between(const ScoreSummary &s, int first, int last)
{
    int64_t n = 0;
    for (int score = first; score <= last; score++)
        n = add_counts(n, s.counts[score]);
    return n;
}

// Throws out_of_range unless every weight sum of s is a finite double.
void check_weight_sums(const ScoreSummary &s)
{
    bool finite = std::isfinite(s.weight_squares);
    for (int i = 0; i < kMaxScaleSize; i++)
        finite = finite && std::isfinite(s.weights[i]);
    if (!finite)
        throw Error(ErrorKind::out_of_range, "summary weight out of range",
                    "The sum of the weights or of their squares exceeds the range of double "
                    "precision.",
                    "Scale the weights down, for example to a mean of 1.");
}

// Whether every weight sum is a whole number small enough to be exact.
bool weights_are_exact_integers(const ScoreSummary &s)
{
    if (!is_weighted(s))
        return true;
    if (!(s.weight_squares <= kExactLimit) || s.weight_squares != std::floor(s.weight_squares))
        return false;
    for (int i = 0; i < scale_of(s).size(); i++)
        if (s.weights[i] != std::floor(s.weights[i]))
            return false;
    return true;
}

// Gives an unweighted summary the weight sums of unit weights.
void make_weighted(ScoreSummary &s)
{
    if (is_weighted(s))
        return;
    double squares = 0;
    for (int i = 0; i < scale_of(s).size(); i++) {
        s.weights[i] = static_cast<double>(s.counts[i]);
        squares += s.weights[i];
    }
    s.weight_squares = squares;
    s.flags |= kWeighted;
    if (!(squares <= kExactLimit))
        s.flags |= kInexactWeights;
}

// Collapses per-score counts of an NPS summary into its three bucket slots.
void fold_into_buckets(ScoreSummary &s)
{
    if (is_buckets_only(s))
        return;
    ScoreSummary folded = s;
    for (int i = 0; i < kMaxScaleSize; i++) {
        folded.counts[i] = 0;
        folded.weights[i] = 0;
    }
    for (int score = 0; score <= 10; score++) {
        int slot = score <= kLastDetractor  ? kDetractorSlot
                   : score < kFirstPromoter ? kPassiveSlot
                                            : kPromoterSlot;
        folded.counts[slot] = add_counts(folded.counts[slot], s.counts[score]);
        folded.weights[slot] += s.weights[score];
    }
    folded.flags |= kBucketsOnly;
    s = folded;
}

// Brings an empty summary back to its canonical form, the summary of no answers: no weight
// part, no bucket flag, nothing inexact.
void normalize_if_empty(ScoreSummary &s)
{
    for (int i = 0; i < scale_of(s).size(); i++)
        if (s.counts[i] != 0)
            return;
    for (int i = 0; i < kMaxScaleSize; i++)
        s.weights[i] = 0;
    s.weight_squares = 0;
    s.flags &= ~(kWeighted | kBucketsOnly | kInexactWeights);
}

// Whether part, subtracted from whole, leaves at least nothing: up to rounding of the sums.
bool contains_weight(double whole, double part) { return part <= whole + 1e-9 * std::fabs(whole); }

// Makes a and b alike in kind (buckets, weights) so that they can be added or subtracted.
void align(ScoreSummary &a, ScoreSummary &b)
{
    if (metric_of(a) != metric_of(b))
        throw Error(ErrorKind::invalid_parameter, "cannot combine summaries of different metrics");
    if (is_buckets_only(a) || is_buckets_only(b)) {
        fold_into_buckets(a);
        fold_into_buckets(b);
    }
    if (is_weighted(a) || is_weighted(b)) {
        make_weighted(a);
        make_weighted(b);
    }
}

// Throws a validation error of the given kind.
[[noreturn]] void malformed(ErrorKind kind, const std::string &detail)
{
    throw Error(kind,
                kind == ErrorKind::invalid_binary ? "invalid binary summary" : "invalid summary",
                detail);
}

}  // namespace

ScoreSummary empty_summary(Metric metric)
{
    ScoreSummary s;
    std::memset(&s, 0, sizeof s);
    s.version = kSummaryVersion;
    s.metric = static_cast<uint8_t>(metric);
    return s;
}

void check_weight(double weight)
{
    if (!valid_weight(weight))
        throw Error(ErrorKind::invalid_parameter, "invalid weight " + to_text(weight),
                    "Weights must be 0 or lie between 1e-150 and 1e150.",
                    "A row with a NULL weight is ignored; scale very large or very small weights "
                    "to a mean of 1.");
}

void reject_score(Metric metric, const std::string &shown, bool whole)
{
    Scale scale = scale_of(metric);
    std::string range = std::to_string(scale.lowest) + " to " + std::to_string(scale.highest);
    std::string what = whole ? " is outside the " : " is not a whole number on the ";
    throw Error(
        ErrorKind::out_of_range, std::string(scale.name) + " score out of range",
        "The score " + shown + what + scale.name + " scale of whole numbers from " + range + ".",
        "Exclude codes such as \"not applicable\" with FILTER (WHERE score BETWEEN " +
            std::to_string(scale.lowest) + " AND " + std::to_string(scale.highest) +
            ") or NULLIF(score, 99).");
}

void check_score(Metric metric, double score)
{
    Scale scale = scale_of(metric);
    bool whole = std::isfinite(score) && score == std::floor(score);
    if (!whole || score < scale.lowest || score > scale.highest)
        reject_score(metric, to_text(score), whole);
}

void check_score(Metric metric, int64_t score)
{
    if (!scale_of(metric).contains(score))
        reject_score(metric, std::to_string(score), true);
}

bool add_weighted_score(ScoreSummary &s, int score, double weight)
{
    ScoreSummary next = s;
    make_weighted(next);
    int i = score - scale_of(next).lowest;
    if (next.counts[i] == INT64_MAX)
        return false;
    next.counts[i]++;
    next.weights[i] += weight;
    next.weight_squares += weight * weight;
    if (!std::isfinite(next.weights[i]) || !std::isfinite(next.weight_squares))
        return false;
    if (weight != std::floor(weight) || !(next.weight_squares <= kExactLimit))
        next.flags |= kInexactWeights;
    s = next;
    return true;
}

bool remove_weighted_score(ScoreSummary &s, int score, double weight)
{
    int i = score - scale_of(s).lowest;
    if ((s.flags & kInexactWeights) || !is_weighted(s) || s.counts[i] == 0 ||
        s.weights[i] < weight || s.weight_squares < weight * weight)
        return false;

    // The sums are exact here, so the last answer of a score carries exactly its weight, and
    // the last answer of all exactly the squares: anything else was never added.
    ScoreSummary next = s;
    next.counts[i]--;
    next.weights[i] -= weight;
    next.weight_squares -= weight * weight;
    if (next.counts[i] == 0 && next.weights[i] != 0)
        return false;
    normalize_if_empty(next);
    if (!is_weighted(next) && s.weight_squares != weight * weight)
        return false;
    s = next;
    return true;
}

void merge(ScoreSummary &into, const ScoreSummary &from)
{
    ScoreSummary other = from;
    bool was_exact = !(into.flags & kInexactWeights) && !(other.flags & kInexactWeights) &&
                     weights_are_exact_integers(into) && weights_are_exact_integers(other);
    align(into, other);

    ScoreSummary sum = into;
    for (int i = 0; i < scale_of(sum).size(); i++) {
        sum.counts[i] = add_counts(into.counts[i], other.counts[i]);
        sum.weights[i] = into.weights[i] + other.weights[i];
    }
    sum.weight_squares = into.weight_squares + other.weight_squares;
    total_count(sum);
    check_weight_sums(sum);
    if (!was_exact || !(sum.weight_squares <= kExactLimit))
        sum.flags |= kInexactWeights;
    into = sum;
}

void subtract(ScoreSummary &whole, const ScoreSummary &part)
{
    ScoreSummary other = part;
    align(whole, other);

    ScoreSummary rest = whole;
    for (int i = 0; i < scale_of(rest).size(); i++) {
        if (whole.counts[i] < other.counts[i])
            throw Error(ErrorKind::out_of_range, "summary count out of range",
                        "The subtracted summary holds more answers than the summary it is "
                        "subtracted from.",
                        "Subtract only a summary that is part of the other one.");
        if (!contains_weight(whole.weights[i], other.weights[i]))
            throw Error(ErrorKind::out_of_range, "summary weight out of range",
                        "The subtracted summary holds more weight than the summary it is "
                        "subtracted from.",
                        "Subtract only a summary that is part of the other one.");
        rest.counts[i] = whole.counts[i] - other.counts[i];
        double w = whole.weights[i] - other.weights[i];
        rest.weights[i] = rest.counts[i] == 0 || w < 0 ? 0 : w;
    }
    if (!contains_weight(whole.weight_squares, other.weight_squares))
        throw Error(ErrorKind::out_of_range, "summary weight out of range",
                    "The subtracted summary holds more squared weight than the summary it is "
                    "subtracted from.");
    double squares = whole.weight_squares - other.weight_squares;
    rest.weight_squares = squares < 0 ? 0 : squares;
    normalize_if_empty(rest);
    whole = rest;
}

ScoreSummary nps_from_buckets(int64_t detractors, int64_t passives, int64_t promoters)
{
    if (detractors < 0 || passives < 0 || promoters < 0)
        throw Error(ErrorKind::invalid_parameter, "negative bucket count",
                    "Detractors, passives and promoters must each be 0 or more.");
    ScoreSummary s = empty_summary(Metric::nps);
    s.flags |= kBucketsOnly;
    s.counts[kDetractorSlot] = detractors;
    s.counts[kPassiveSlot] = passives;
    s.counts[kPromoterSlot] = promoters;
    total_count(s);
    normalize_if_empty(s);
    return s;
}

ScoreSummary from_counts(Metric metric, const int64_t *counts, int n)
{
    Scale scale = scale_of(metric);
    if (n != scale.size())
        throw Error(ErrorKind::invalid_parameter, "wrong number of counts",
                    "A summary of " + std::string(scale.name) + " answers takes " +
                        std::to_string(scale.size()) + " counts, for the scores " +
                        std::to_string(scale.lowest) + " to " + std::to_string(scale.highest) +
                        "; " + std::to_string(n) + " were given.");
    ScoreSummary s = empty_summary(metric);
    for (int i = 0; i < n; i++) {
        if (counts[i] < 0)
            throw Error(ErrorKind::invalid_parameter, "negative count",
                        "The count of score " + std::to_string(scale.lowest + i) + " is " +
                            std::to_string(counts[i]) + ".");
        s.counts[i] = counts[i];
    }
    total_count(s);
    return s;
}

void validate(const ScoreSummary &s, Metric metric, ErrorKind kind)
{
    if (s.version != kSummaryVersion)
        malformed(kind, "Unknown format version " + std::to_string(s.version) + ".");
    if (s.metric != static_cast<uint8_t>(metric) || s.reserved != 0)
        malformed(kind, "The summary is not of this type.");
    if (s.flags & ~kStoredFlags)
        malformed(kind, "Unknown flags " + std::to_string(s.flags) + ".");
    if (is_buckets_only(s) && metric != Metric::nps)
        malformed(kind, "Only NPS summaries can hold bucket counts.");

    Scale scale = scale_of(metric);
    bool empty = true;
    for (int i = 0; i < kMaxScaleSize; i++) {
        bool in_use = i < scale.size() && (!is_buckets_only(s) || i == kDetractorSlot ||
                                           i == kPassiveSlot || i == kPromoterSlot);
        if (s.counts[i] < 0)
            malformed(kind, "A count is negative.");
        if (!in_use && (s.counts[i] != 0 || s.weights[i] != 0))
            malformed(kind, "A count lies outside the summary's scale.");
        if (!std::isfinite(s.weights[i]) || s.weights[i] < 0)
            malformed(kind, "A weight sum is negative or not finite.");
        if (s.counts[i] == 0 && s.weights[i] != 0)
            malformed(kind, "A score without answers has a weight.");
        if (!is_weighted(s) && s.weights[i] != 0)
            malformed(kind, "An unweighted summary has a weight.");
        empty = empty && s.counts[i] == 0;
    }
    if (!std::isfinite(s.weight_squares) || s.weight_squares < 0)
        malformed(kind, "The sum of squared weights is negative or not finite.");
    if (!is_weighted(s) && s.weight_squares != 0)
        malformed(kind, "An unweighted summary has a sum of squared weights.");
    if (empty && (is_weighted(s) || is_buckets_only(s)))
        malformed(kind, "An empty summary has no weights and no bucket flag.");
    int64_t n = total_count(s);

    // With weights w >= 0 over n answers, (sum w)^2 / n <= sum w^2 <= (sum w)^2.
    double total = 0;
    for (int i = 0; i < kMaxScaleSize; i++)
        total += s.weights[i];
    double square_of_total = total * total;
    if (is_weighted(s) &&
        (s.weight_squares > square_of_total * (1 + 1e-9) ||
         s.weight_squares < square_of_total / static_cast<double>(n) * (1 - 1e-9)))
        malformed(kind, "The sum of squared weights contradicts the weight sums.");
}

ScoreSummary stored_form(const ScoreSummary &s)
{
    ScoreSummary copy = s;
    copy.flags &= kStoredFlags;
    return copy;
}

bool equal(const ScoreSummary &a, const ScoreSummary &b)
{
    ScoreSummary x = stored_form(a);
    ScoreSummary y = stored_form(b);
    return std::memcmp(&x, &y, sizeof x) == 0;
}

int64_t responses(const ScoreSummary &s) { return total_count(s); }

int64_t detractors(const ScoreSummary &s) { return count_between(s, 0, kLastDetractor); }

int64_t passives(const ScoreSummary &s)
{
    return count_between(s, kLastDetractor + 1, kFirstPromoter - 1);
}

int64_t promoters(const ScoreSummary &s) { return count_between(s, kFirstPromoter, 10); }

}  // namespace cx
