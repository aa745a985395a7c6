// Churn and retention from customer lifetimes: which customers a reporting period starts with,
// gains, ends with and loses, and the rates and intervals derived from those counts. The
// summary is the state of the lifetime aggregates and the stored value of the SQL type
// retention_summary, so its layout is frozen.
//
// A customer is active at instant t when started <= t < ended (no end: still active). For a
// period [ps, pe): at start S when started <= ps < ended; new N when ps < started < pe and
// started < ended; at end E when started < pe <= ended; lost from the start when counted in S
// and ended < pe; new and lost when counted in N and ended < pe. Then E = S + N - lost - new_lost.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <type_traits>

#include "core/error.hpp"
#include "core/statistics.hpp"

namespace cx {

// What the period bounds count: days or microseconds, both from 2000-01-01 (UTC), the epoch of
// PostgreSQL's date and timestamptz.
enum class TimeUnit : uint8_t {
    none = 0,  // an empty summary that has seen no period yet
    date = 1,
    timestamptz = 2,
};

constexpr uint8_t kRetentionVersion = 1;

// Fixed-size and trivially copyable: PostgreSQL copies it as bytes.
struct RetentionSummary {
    uint8_t version;
    uint8_t unit;  // a TimeUnit
    uint16_t reserved16;
    uint32_t reserved32;    // both always zero
    int64_t period_start;   // first instant of the period, in the unit's ticks
    int64_t period_end;     // first instant after the period
    int64_t at_start;       // S
    int64_t new_customers;  // N
    int64_t at_end;         // E
    int64_t lost;           // lost from the start
    int64_t new_lost;       // new and lost within the period
};

static_assert(std::is_trivially_copyable<RetentionSummary>::value, "copied as bytes");
static_assert(sizeof(RetentionSummary) == 64, "the stored layout of a summary is frozen");

// Room for the longest text form of a retention summary.
constexpr size_t kRetentionTextCapacity = 256;

inline TimeUnit unit_of(const RetentionSummary &s) { return static_cast<TimeUnit>(s.unit); }

// A summary that has seen no lifetime and no period.
RetentionSummary empty_retention();

// Throws unless [start, end) is a usable period of unit: finite, in range, end after start.
void check_period(TimeUnit unit, int64_t start, int64_t end);

// Sets the summary's period on its first row; throws invalid_parameter if a later row gives
// another. The caller has checked the period.
void use_period(RetentionSummary &s, TimeUnit unit, int64_t start, int64_t end);

// Counts one lifetime [started, ended) in the summary's period; no ended means still active.
// Throws invalid_parameter if ended is before started.
void add_lifetime(RetentionSummary &s, int64_t started, std::optional<int64_t> ended);

// Removes one lifetime that add_lifetime counted in the summary's period, classifying it the
// same way. Throws invalid_parameter if ended is before started, like add_lifetime; returns
// false, changing nothing, when the summary does not hold such a lifetime.
bool remove_lifetime(RetentionSummary &s, int64_t started, std::optional<int64_t> ended);

// Adds the counts of from into into; both must have the same period unless one has none.
void merge(RetentionSummary &into, const RetentionSummary &from);

// Removes from whole the counts of part, which merge added to it. Throws invalid_parameter for
// different periods, like merge. Returns false, changing nothing, when whole does not hold part
// or when the rest would count nobody: whether the summaries left in whole gave the period or
// were all empty ("v1 empty") is then unknown, and only a recomputation can tell.
bool subtract(RetentionSummary &whole, const RetentionSummary &part);

// Throws (with the given kind) unless s is a well-formed stored summary.
void validate(const RetentionSummary &s, ErrorKind kind);

// Whether two summaries are equal (same period and counts).
bool equal(const RetentionSummary &a, const RetentionSummary &b);

// Churn rate in percent: lost from the start / S; empty when S is 0.
std::optional<double> churn_rate(const RetentionSummary &s);

// Retention rate in percent: (S - lost from the start) / S; empty when S is 0.
std::optional<double> retention_rate(const RetentionSummary &s);

// Wilson interval of the churn rate in percent; empty when S is 0.
std::optional<Interval> churn_interval(const RetentionSummary &s, double confidence);

// The retention rate's interval: 100 minus the churn rate's bounds.
std::optional<Interval> retention_interval(const RetentionSummary &s, double confidence);

// Churn rate in percent from counts: lost / at_start; empty when at_start is 0. Throws
// invalid_parameter for counts that cannot be (negative, not finite, lost above at_start).
std::optional<double> churn_rate_from_counts(double at_start, double lost);

// The classic retention rate (E - N) / S in percent; empty when S is 0. Throws
// invalid_parameter when the result falls outside 0..100, where the formula's assumption that
// every new customer is still there at the end does not hold.
std::optional<double> retention_rate_from_counts(double at_start, double at_end,
                                                 double new_customers);

// Writes the text form, NUL-terminated, into out (kRetentionTextCapacity bytes):
//   v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1
//   v1 timestamptz 2024-01-01T00:00:00Z/2024-04-01T00:00:00Z at_start=3 ...
//   v1 empty
// Returns its length.
size_t format_retention(const RetentionSummary &s, char *out);

// Reads the text form; throws invalid_text naming the position.
RetentionSummary parse_retention(const char *text);

}  // namespace cx
