// Building, merging and reading Kaplan-Meier survival curves, and their text form.
#include "core/survival.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>

#include "core/number_text.hpp"
#include "core/text_reader.hpp"

namespace cx {
namespace {

// Longest text of one entry: a shortest round-trip double (24 characters at most), two counts
// below 2^63 (19 digits each), the separators and a space.
constexpr size_t kEntryTextCapacity = 24 + 19 + 19 + 3;

// Adds two counts, throwing out_of_range on overflow.
int64_t add_counts(int64_t a, int64_t b)
{
    int64_t sum;
    if (__builtin_add_overflow(a, b, &sum))
        throw Error(ErrorKind::out_of_range, "survival count out of range",
                    "The summary would count more than 2^63 - 1 customers.");
    return sum;
}

// Adds the counts of from into into, which has the same duration.
void add_entry(SurvivalEntry &into, const SurvivalEntry &from)
{
    into.events = add_counts(into.events, from.events);
    into.censored = add_counts(into.censored, from.censored);
}

// Merges sorted, distinct runs a and b into out, adding up equal durations.
uint32_t merge_runs(const SurvivalEntry *a, uint32_t na, const SurvivalEntry *b, uint32_t nb,
                    SurvivalEntry *out)
{
    uint32_t i = 0, j = 0, n = 0;
    while (i < na || j < nb) {
        if (j == nb || (i < na && a[i].duration < b[j].duration))
            out[n++] = a[i++];
        else if (i == na || b[j].duration < a[i].duration)
            out[n++] = b[j++];
        else {
            out[n] = a[i++];
            add_entry(out[n++], b[j++]);
        }
    }
    return n;
}

}  // namespace

void check_duration(double duration)
{
    if (!std::isfinite(duration) || duration < 0)
        throw Error(ErrorKind::invalid_parameter, "duration must be a finite number of 0 or more",
                    "Got " + to_text(duration) + ".",
                    "A lifetime is the time from a customer's start to their leaving or to the "
                    "last time they were seen.");
}

uint32_t find_in_sorted(const SurvivalEntry *entries, uint32_t sorted, double duration)
{
    const SurvivalEntry *end = entries + sorted;
    const SurvivalEntry *at = std::lower_bound(
        entries, end, duration, [](const SurvivalEntry &e, double d) { return e.duration < d; });
    if (at == end || at->duration != duration)
        return sorted;
    return static_cast<uint32_t>(at - entries);
}

bool count_in_sorted(SurvivalEntry *entries, uint32_t sorted, double duration, bool event)
{
    uint32_t at = find_in_sorted(entries, sorted, duration);
    if (at == sorted)
        return false;

    // A count here cannot overflow before 2^63 rows have been read.
    (event ? entries[at].events : entries[at].censored)++;
    return true;
}

bool uncount_at(SurvivalEntry *entries, uint32_t &count, uint32_t &sorted, uint32_t at, bool event)
{
    int64_t &n = event ? entries[at].events : entries[at].censored;
    if (n == 0)
        return false;
    n--;

    // A duration nobody has any more is not listed: a recomputation would not list it.
    if (entries[at].events == 0 && entries[at].censored == 0) {
        std::memmove(entries + at, entries + at + 1, (count - at - 1) * sizeof(SurvivalEntry));
        count--;
        sorted--;
    }
    return true;
}

uint32_t compact(SurvivalEntry *entries, uint32_t count, uint32_t sorted, SurvivalEntry *scratch)
{
    // Sort the tail and add up its equal durations in place.
    std::sort(
        entries + sorted, entries + count,
        [](const SurvivalEntry &a, const SurvivalEntry &b) { return a.duration < b.duration; });
    uint32_t tail = sorted;
    for (uint32_t i = sorted; i < count; i++) {
        if (tail > sorted && entries[tail - 1].duration == entries[i].duration)
            add_entry(entries[tail - 1], entries[i]);
        else
            entries[tail++] = entries[i];
    }

    // Merge the two sorted runs through scratch.
    uint32_t n = merge_runs(entries, sorted, entries + sorted, tail - sorted, scratch);
    std::memcpy(entries, scratch, n * sizeof(SurvivalEntry));
    return n;
}

uint32_t merge_curves(SurvivalCurve a, SurvivalCurve b, SurvivalEntry *out)
{
    return merge_runs(a.entries, a.count, b.entries, b.count, out);
}

bool subtract_curves(SurvivalCurve whole, SurvivalCurve part, SurvivalEntry *out, uint32_t &n)
{
    // Walk both in order of duration: every duration of part must be in whole.
    uint32_t i = 0;
    n = 0;
    for (uint32_t j = 0; j < part.count; j++) {
        const SurvivalEntry &p = part.entries[j];
        while (i < whole.count && whole.entries[i].duration < p.duration)
            out[n++] = whole.entries[i++];
        if (i == whole.count || whole.entries[i].duration != p.duration ||
            whole.entries[i].events < p.events || whole.entries[i].censored < p.censored)
            return false;
        SurvivalEntry rest = whole.entries[i++];
        rest.events -= p.events;
        rest.censored -= p.censored;
        if (rest.events != 0 || rest.censored != 0)
            out[n++] = rest;
    }
    while (i < whole.count)
        out[n++] = whole.entries[i++];
    return true;
}

void validate(SurvivalCurve curve, ErrorKind kind)
{
    auto fail = [&](const std::string &detail) {
        throw Error(kind, "invalid survival summary", detail);
    };
    int64_t total = 0;
    for (uint32_t i = 0; i < curve.count; i++) {
        const SurvivalEntry &e = curve.entries[i];
        if (!std::isfinite(e.duration) || e.duration < 0)
            fail("Durations must be finite and 0 or more.");
        if (i > 0 && !(curve.entries[i - 1].duration < e.duration))
            fail("Durations must be listed once each, in increasing order.");
        if (e.events < 0 || e.censored < 0 || (e.events == 0 && e.censored == 0))
            fail("Each duration needs a count of 0 or more events and censorings, not both 0.");
        if (__builtin_add_overflow(total, e.events, &total) ||
            __builtin_add_overflow(total, e.censored, &total))
            fail("The summary counts more than 2^63 - 1 customers.");
    }
}

bool equal(SurvivalCurve a, SurvivalCurve b)
{
    if (a.count != b.count)
        return false;
    for (uint32_t i = 0; i < a.count; i++)
        if (a.entries[i].duration != b.entries[i].duration ||
            a.entries[i].events != b.entries[i].events ||
            a.entries[i].censored != b.entries[i].censored)
            return false;
    return true;
}

int64_t customers(SurvivalCurve curve)
{
    int64_t total = 0;
    for (uint32_t i = 0; i < curve.count; i++)
        total = add_counts(total, add_counts(curve.entries[i].events, curve.entries[i].censored));
    return total;
}

std::optional<double> survival_at(SurvivalCurve curve, double t)
{
    if (std::isnan(t))
        throw Error(ErrorKind::invalid_parameter, "duration must be a number");
    int64_t at_risk = customers(curve);
    if (at_risk == 0)
        return std::nullopt;

    // Walk the durations up to t, removing each duration's customers from the risk set after
    // its events are counted.
    double survival = 1;
    for (uint32_t i = 0; i < curve.count && curve.entries[i].duration <= t; i++) {
        const SurvivalEntry &e = curve.entries[i];
        if (e.events > 0)
            survival *= 1 - static_cast<double>(e.events) / static_cast<double>(at_risk);
        at_risk -= e.events + e.censored;
    }
    return 100 * survival;
}

std::optional<double> median_lifetime(SurvivalCurve curve)
{
    int64_t at_risk = customers(curve);
    double survival = 1;
    for (uint32_t i = 0; i < curve.count; i++) {
        const SurvivalEntry &e = curve.entries[i];
        if (e.events > 0) {
            survival *= 1 - static_cast<double>(e.events) / static_cast<double>(at_risk);

            // A product that is one half in exact arithmetic may round just above it.
            if (survival <= 0.5 * (1 + 1e-12))
                return e.duration;
        }
        at_risk -= e.events + e.censored;
    }
    return std::nullopt;
}

size_t survival_text_capacity(SurvivalCurve curve)
{
    return 3 + static_cast<size_t>(curve.count) * kEntryTextCapacity;
}

size_t format_survival(SurvivalCurve curve, char *out)
{
    size_t n = 0;
    std::memcpy(out, "v1", 2);
    n = 2;
    for (uint32_t i = 0; i < curve.count; i++) {
        const SurvivalEntry &e = curve.entries[i];
        out[n++] = ' ';
        n += format_double(e.duration, out + n, 24);
        out[n++] = ':';
        n = static_cast<size_t>(std::to_chars(out + n, out + n + 19, e.events).ptr - out);
        out[n++] = '/';
        n = static_cast<size_t>(std::to_chars(out + n, out + n + 19, e.censored).ptr - out);
    }
    out[n] = '\0';
    return n;
}

uint32_t survival_text_entries(const char *text)
{
    uint32_t n = 0;
    for (const char *p = text; *p; p++)
        n += *p == ':';
    return n;
}

uint32_t parse_survival(const char *text, SurvivalEntry *entries, uint32_t capacity)
{
    TextReader r(text, "survival_summary", "v1 0:0/11 1:380/233 2:123/115");
    uint32_t n = 0;

    r.skip_spaces();
    r.expect("v1");
    while (r.skip_spaces() && !r.at_end()) {
        if (n == capacity)
            r.fail("\":\" after the duration");
        SurvivalEntry &e = entries[n++];
        e.duration = r.real("a finite duration");
        r.expect(":");
        e.events = r.count();
        r.expect("/");
        e.censored = r.count();
    }
    if (!r.at_end())
        r.fail("a space and the next duration, or the end of the summary");

    validate(SurvivalCurve{entries, n}, ErrorKind::invalid_text);
    return n;
}

}  // namespace cx
