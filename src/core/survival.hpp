// Kaplan-Meier survival from customer lifetimes: durations with an event (the customer left) or
// censored (still a customer when last seen). A summary lists the distinct durations in
// increasing order with their event and censoring counts; it grows with the number of distinct
// durations, so the SQL type survival_summary is a varlena.
//
// The estimate is a right-continuous step function: S(t) = product over event durations
// t_i <= t of (1 - d_i / n_i), where n_i counts the customers whose duration is at least t_i.
// A customer censored at t_i is still at risk at t_i (events come before censorings).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <type_traits>

#include "core/error.hpp"

namespace cx {

constexpr uint8_t kSurvivalVersion = 1;

// One distinct duration of a summary.
struct SurvivalEntry {
    double duration;   // finite and >= 0
    int64_t events;    // customers who left at this duration
    int64_t censored;  // customers still there when last seen at this duration
};

// The start of a survival_summary value; entries follow it. Inside an aggregate the entries
// [sorted, count) are an unsorted tail of new durations, and the space after count is room to
// grow; a stored summary has sorted == count and no room.
struct SurvivalHeader {
    int32_t varlena_size;  // PostgreSQL's length word, set by the glue
    uint8_t version;
    uint8_t flags;      // always zero
    uint16_t reserved;  // always zero
    uint32_t count;     // entries in use
    uint32_t sorted;    // leading entries sorted by duration, each duration once
};

static_assert(std::is_trivially_copyable<SurvivalEntry>::value, "copied as bytes");
static_assert(sizeof(SurvivalHeader) == 16 && sizeof(SurvivalEntry) == 24,
              "the stored layout of a survival summary is frozen");

// Entries of a summary whose durations are sorted and distinct.
struct SurvivalCurve {
    const SurvivalEntry *entries;
    uint32_t count;
};

// Throws invalid_parameter unless duration is finite and >= 0.
void check_duration(double duration);

// Where duration is in the sorted part entries[0, sorted); sorted when it is not there.
uint32_t find_in_sorted(const SurvivalEntry *entries, uint32_t sorted, double duration);

// Counts one customer in the sorted part entries[0, sorted) if its duration is there; false
// when it is not and the caller must append it.
bool count_in_sorted(SurvivalEntry *entries, uint32_t sorted, double duration, bool event);

// Removes one customer counted at entries[at] of the sorted part entries[0, sorted), the
// entries [sorted, count) being the tail: decrements its events (event) or censorings and, when
// both reach 0, drops the entry, moving the entries after it down and shrinking sorted and
// count by one, so that the summary is what counting without that customer gives. Returns
// false, changing nothing, when the entry has no such customer.
bool uncount_at(SurvivalEntry *entries, uint32_t &count, uint32_t &sorted, uint32_t at, bool event);

// Sorts the tail [sorted, count) into the sorted part, adding up equal durations, using
// scratch (room for count entries); returns the new count, all of it sorted. Throws
// out_of_range if a count would overflow.
uint32_t compact(SurvivalEntry *entries, uint32_t count, uint32_t sorted, SurvivalEntry *scratch);

// Merges two curves into out (room for a.count + b.count entries); returns the entries
// written. Throws out_of_range if a count would overflow.
uint32_t merge_curves(SurvivalCurve a, SurvivalCurve b, SurvivalEntry *out);

// Writes whole minus part into out (room for whole.count entries), dropping durations whose
// counts both reach 0, and sets n to the entries written: the curve of the customers of whole
// that part does not hold. Returns false when whole does not hold every customer of part.
bool subtract_curves(SurvivalCurve whole, SurvivalCurve part, SurvivalEntry *out, uint32_t &n);

// Throws (with the given kind) unless the curve is well formed: durations finite, >= 0 and
// increasing, counts >= 0 and not both 0, the total below 2^63.
void validate(SurvivalCurve curve, ErrorKind kind);

// Whether two curves hold the same durations and counts.
bool equal(SurvivalCurve a, SurvivalCurve b);

// Customers counted, events and censorings together.
int64_t customers(SurvivalCurve curve);

// Percent still a customer after duration t; empty for an empty curve. Throws
// invalid_parameter if t is not a number.
std::optional<double> survival_at(SurvivalCurve curve, double t);

// The smallest duration where survival is at most 50 %; empty when it never gets there.
std::optional<double> median_lifetime(SurvivalCurve curve);

// Room the text form of a curve can take, its terminating NUL included.
size_t survival_text_capacity(SurvivalCurve curve);

// Writes the text form, NUL-terminated, into out (survival_text_capacity bytes); returns its
// length. Each distinct duration reads duration:events/censored:
//   v1 0:0/11 1:380/233 2:123/115
//   v1                                (no customer)
size_t format_survival(SurvivalCurve curve, char *out);

// The most entries text can hold, to size the buffer for parse_survival.
uint32_t survival_text_entries(const char *text);

// Reads the text form into entries (room for capacity, survival_text_entries(text)); returns
// the number read. Throws invalid_text naming the position.
uint32_t parse_survival(const char *text, SurvivalEntry *entries, uint32_t capacity);

}  // namespace cx
