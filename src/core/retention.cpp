// Counting customer lifetimes in a reporting period, the churn and retention figures, and the
// text form of retention summaries.
#include "core/retention.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "core/number_text.hpp"
#include "core/text_reader.hpp"

namespace cx {
namespace {

// PostgreSQL's valid dates, in days from 2000-01-01: Julian day 0 up to its end of dates.
constexpr int64_t kFirstDay = -2451545;
constexpr int64_t kEndDay = 2147483494 - 2451545;

// PostgreSQL's valid timestamps, in microseconds from 2000-01-01 00:00 UTC.
constexpr int64_t kFirstMicro = -211813488000000000;
constexpr int64_t kEndMicro = 9223371331200000000;

constexpr int64_t kMicrosPerDay = 86400000000;

// Days from 1970-01-01 to 2000-01-01.
constexpr int64_t kUnixToY2k = 10957;

const char *kLifetimeHint =
    "Give the reporting period as the same two constants for every row of a group.";

// Floor division, for instants before the epoch.
int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Days from 2000-01-01 of a proleptic Gregorian date (astronomical years: 0 is 1 BC).
int64_t days_from_date(int64_t year, int month, int day)
{
    // Count from March so that the leap day ends a year, in 400-year cycles of 146097 days.
    year -= month <= 2;
    int64_t cycle = floor_div(year, 400);
    int64_t year_of_cycle = year - cycle * 400;
    int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int64_t day_of_cycle =
        year_of_cycle * 365 + year_of_cycle / 4 - year_of_cycle / 100 + day_of_year;
    return cycle * 146097 + day_of_cycle - 719468 - kUnixToY2k;
}

// The calendar date of a day count from 2000-01-01.
void date_from_days(int64_t days, int64_t &year, int &month, int &day)
{
    int64_t z = days + kUnixToY2k + 719468;
    int64_t cycle = floor_div(z, 146097);
    int64_t day_of_cycle = z - cycle * 146097;
    int64_t year_of_cycle =
        (day_of_cycle - day_of_cycle / 1460 + day_of_cycle / 36524 - day_of_cycle / 146096) / 365;
    int64_t day_of_year =
        day_of_cycle - (365 * year_of_cycle + year_of_cycle / 4 - year_of_cycle / 100);
    int64_t march_month = (5 * day_of_year + 2) / 153;
    day = static_cast<int>(day_of_year - (153 * march_month + 2) / 5 + 1);
    month = static_cast<int>(march_month < 10 ? march_month + 3 : march_month - 9);
    year = year_of_cycle + cycle * 400 + (month <= 2);
}

// Days in a month of a proleptic Gregorian year.
int days_in_month(int64_t year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

// Writes a date as ISO 8601, with a sign and at least four year digits outside 0000-9999.
size_t format_date(int64_t days, char *out, size_t capacity)
{
    int64_t year;
    int month, day;
    date_from_days(days, year, month, day);
    const char *sign = year < 0 ? "-" : year > 9999 ? "+" : "";
    int n = std::snprintf(out, capacity, "%s%04lld-%02d-%02d", sign,
                          static_cast<long long>(year < 0 ? -year : year), month, day);
    return static_cast<size_t>(n);
}

// Writes an instant as ISO 8601 in UTC, with the microseconds only when there are any.
size_t format_instant(int64_t micros, char *out, size_t capacity)
{
    int64_t days = floor_div(micros, kMicrosPerDay);
    int64_t of_day = micros - days * kMicrosPerDay;
    size_t n = format_date(days, out, capacity);
    int64_t seconds = of_day / 1000000;
    int64_t fraction = of_day % 1000000;
    n += std::snprintf(out + n, capacity - n, "T%02d:%02d:%02d", static_cast<int>(seconds / 3600),
                       static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
    if (fraction != 0)
        n += std::snprintf(out + n, capacity - n, ".%06d", static_cast<int>(fraction));
    n += std::snprintf(out + n, capacity - n, "Z");
    return n;
}

// Shows a period for messages.
std::string show_period(TimeUnit unit, int64_t start, int64_t end)
{
    char a[48], b[48];
    if (unit == TimeUnit::date) {
        format_date(start, a, sizeof a);
        format_date(end, b, sizeof b);
    } else {
        format_instant(start, a, sizeof a);
        format_instant(end, b, sizeof b);
    }
    return std::string("[") + a + ", " + b + ")";
}

// Adds two counts, throwing out_of_range on overflow.
int64_t add_counts(int64_t a, int64_t b)
{
    int64_t sum;
    if (__builtin_add_overflow(a, b, &sum))
        throw Error(ErrorKind::out_of_range, "retention count out of range",
                    "Merging the summaries would exceed the largest count, 2^63 - 1.");
    return sum;
}

// Where a lifetime counts in a summary's period; add_lifetime and remove_lifetime share it so
// that a removal undoes exactly what the addition did.
struct Counted {
    bool at_start;     // S
    bool is_new;       // N
    bool at_end;       // E
    bool lost_within;  // lost from S or from N, whichever counted it
};

// Classifies the lifetime [started, ended) in the period of s; no ended means still active.
// Throws invalid_parameter if ended is before started.
Counted classify(const RetentionSummary &s, int64_t started, std::optional<int64_t> ended)
{
    if (ended && *ended < started)
        throw Error(ErrorKind::invalid_parameter, "customer lifetime ends before it starts",
                    "The end of a lifetime must not be earlier than its start.",
                    "Use NULL for ended while the customer is still active.");

    // No end is later than every instant; an ended equal to started never was active.
    bool active_after_start = !ended || s.period_start < *ended;
    Counted c;
    c.lost_within = ended && *ended < s.period_end;
    c.at_start = started <= s.period_start && active_after_start;
    c.is_new = s.period_start < started && started < s.period_end && (!ended || started < *ended);
    c.at_end = started < s.period_end && !c.lost_within;
    return c;
}

// Throws invalid_parameter unless a and b, both with a period, have the same one.
void check_same_period(const RetentionSummary &a, const RetentionSummary &b)
{
    if (unit_of(a) != unit_of(b) || a.period_start != b.period_start ||
        a.period_end != b.period_end)
        throw Error(ErrorKind::invalid_parameter,
                    "cannot merge retention summaries of different periods",
                    "The summaries cover " + show_period(unit_of(a), a.period_start, a.period_end) +
                        " and " + show_period(unit_of(b), b.period_start, b.period_end) + ".",
                    "Merge only segments of the same reporting period.");
}

// Reads exactly count decimal digits (at least count when at_least).
int64_t read_digits(TextReader &r, int count, bool at_least, const char *what)
{
    int64_t v = 0;
    int n = 0;
    while (r.peek() >= '0' && r.peek() <= '9' && (at_least || n < count)) {
        if (v > 100000000)  // beyond every year PostgreSQL knows
            r.fail(what);
        v = v * 10 + (r.peek() - '0');
        r.advance();
        n++;
    }
    if (n < count)
        r.fail(what);
    return v;
}

// Reads an ISO 8601 date into days from 2000-01-01.
int64_t read_date(TextReader &r)
{
    int64_t sign = 1;
    if (r.accept("-"))
        sign = -1;
    else
        r.accept("+");
    int64_t year = sign * read_digits(r, 4, true, "a year of four digits or more");
    r.expect("-");
    int month = static_cast<int>(read_digits(r, 2, false, "a month of two digits"));
    r.expect("-");
    int day = static_cast<int>(read_digits(r, 2, false, "a day of two digits"));
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        r.fail("a valid calendar date");
    return days_from_date(year, month, day);
}

// Reads an ISO 8601 instant in UTC into microseconds from 2000-01-01.
int64_t read_instant(TextReader &r)
{
    int64_t days = read_date(r);
    r.expect("T");
    int64_t hours = read_digits(r, 2, false, "hours of two digits");
    r.expect(":");
    int64_t minutes = read_digits(r, 2, false, "minutes of two digits");
    r.expect(":");
    int64_t seconds = read_digits(r, 2, false, "seconds of two digits");
    int64_t fraction = 0;
    if (r.accept("."))
        fraction = read_digits(r, 6, false, "six digits of microseconds");
    r.expect("Z");
    if (hours > 23 || minutes > 59 || seconds > 59)
        r.fail("a valid time of day");
    if (days < floor_div(kFirstMicro, kMicrosPerDay) || days > kEndMicro / kMicrosPerDay)
        r.fail("an instant within the range of timestamptz");
    return days * kMicrosPerDay + ((hours * 60 + minutes) * 60 + seconds) * 1000000 + fraction;
}

}  // namespace

RetentionSummary empty_retention()
{
    RetentionSummary s{};
    s.version = kRetentionVersion;
    return s;
}

void check_period(TimeUnit unit, int64_t start, int64_t end)
{
    int64_t first = unit == TimeUnit::date ? kFirstDay : kFirstMicro;
    int64_t last = unit == TimeUnit::date ? kEndDay : kEndMicro;
    if (start < first || start >= last || end < first || end >= last)
        throw Error(ErrorKind::invalid_parameter, "reporting period must have finite bounds",
                    "A period of infinite length has no churn rate.");
    if (end <= start)
        throw Error(ErrorKind::invalid_parameter, "reporting period is empty",
                    "The period " + show_period(unit, start, end) + " must end after it starts.",
                    "The period is [period_start, period_end): period_end is its first "
                    "instant after the period.");
}

void use_period(RetentionSummary &s, TimeUnit unit, int64_t start, int64_t end)
{
    if (unit_of(s) == TimeUnit::none) {
        s.unit = static_cast<uint8_t>(unit);
        s.period_start = start;
        s.period_end = end;
        return;
    }
    if (unit_of(s) != unit || s.period_start != start || s.period_end != end)
        throw Error(ErrorKind::invalid_parameter, "reporting period differs between rows",
                    "A row gives the period " + show_period(unit, start, end) +
                        " where earlier rows gave " +
                        show_period(unit_of(s), s.period_start, s.period_end) + ".",
                    kLifetimeHint);
}

void add_lifetime(RetentionSummary &s, int64_t started, std::optional<int64_t> ended)
{
    Counted c = classify(s, started, ended);
    if (c.at_start) {
        s.at_start++;
        s.lost += c.lost_within;
    }
    if (c.is_new) {
        s.new_customers++;
        s.new_lost += c.lost_within;
    }
    s.at_end += c.at_end;
}

bool remove_lifetime(RetentionSummary &s, int64_t started, std::optional<int64_t> ended)
{
    Counted c = classify(s, started, ended);

    // Check every count first, so that a lifetime the summary does not hold changes nothing.
    bool held = (!c.at_start || (s.at_start > 0 && (!c.lost_within || s.lost > 0))) &&
                (!c.is_new || (s.new_customers > 0 && (!c.lost_within || s.new_lost > 0))) &&
                (!c.at_end || s.at_end > 0);
    if (!held)
        return false;

    if (c.at_start) {
        s.at_start--;
        s.lost -= c.lost_within;
    }
    if (c.is_new) {
        s.new_customers--;
        s.new_lost -= c.lost_within;
    }
    s.at_end -= c.at_end;
    return true;
}

void merge(RetentionSummary &into, const RetentionSummary &from)
{
    if (unit_of(from) == TimeUnit::none)
        return;
    if (unit_of(into) == TimeUnit::none) {
        into = from;  // a summary without a period holds no customers
        return;
    }
    check_same_period(into, from);
    into.at_start = add_counts(into.at_start, from.at_start);
    into.new_customers = add_counts(into.new_customers, from.new_customers);
    into.at_end = add_counts(into.at_end, from.at_end);
    into.lost = add_counts(into.lost, from.lost);
    into.new_lost = add_counts(into.new_lost, from.new_lost);
}

bool subtract(RetentionSummary &whole, const RetentionSummary &part)
{
    // An empty summary added nothing; a summary without a period holds nothing to remove.
    if (unit_of(part) == TimeUnit::none)
        return true;
    if (unit_of(whole) == TimeUnit::none)
        return false;
    check_same_period(whole, part);

    if (whole.at_start < part.at_start || whole.new_customers < part.new_customers ||
        whole.at_end < part.at_end || whole.lost < part.lost || whole.new_lost < part.new_lost)
        return false;
    RetentionSummary rest = whole;
    rest.at_start -= part.at_start;
    rest.new_customers -= part.new_customers;
    rest.at_end -= part.at_end;
    rest.lost -= part.lost;
    rest.new_lost -= part.new_lost;
    if (rest.at_start == 0 && rest.new_customers == 0 && rest.at_end == 0)
        return false;
    whole = rest;
    return true;
}

void validate(const RetentionSummary &s, ErrorKind kind)
{
    auto fail = [&](const std::string &detail) {
        throw Error(kind, "invalid retention summary", detail);
    };
    if (s.version != kRetentionVersion)
        fail("Unknown format version " + std::to_string(s.version) + ".");
    if (s.reserved16 != 0 || s.reserved32 != 0)
        fail("Reserved fields must be zero.");
    if (s.at_start < 0 || s.new_customers < 0 || s.at_end < 0 || s.lost < 0 || s.new_lost < 0)
        fail("Counts must not be negative.");
    if (s.lost > s.at_start || s.new_lost > s.new_customers)
        fail("More customers lost than there were.");
    if (s.at_end != s.at_start - s.lost + s.new_customers - s.new_lost)
        fail("Customers at the end must equal at_start - lost + new - new_lost.");
    if (unit_of(s) == TimeUnit::none) {
        if (s.period_start != 0 || s.period_end != 0 || s.at_start != 0 || s.new_customers != 0)
            fail("A summary without a period holds no customers.");
        return;
    }
    if (unit_of(s) != TimeUnit::date && unit_of(s) != TimeUnit::timestamptz)
        fail("Unknown time unit " + std::to_string(s.unit) + ".");
    try {
        check_period(unit_of(s), s.period_start, s.period_end);
    } catch (const Error &e) {
        fail(std::string("Bad period: ") + e.what() + ".");
    }
}

bool equal(const RetentionSummary &a, const RetentionSummary &b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

std::optional<double> churn_rate(const RetentionSummary &s)
{
    if (s.at_start == 0)
        return std::nullopt;
    return 100.0 * static_cast<double>(s.lost) / static_cast<double>(s.at_start);
}

std::optional<double> retention_rate(const RetentionSummary &s)
{
    if (s.at_start == 0)
        return std::nullopt;
    return 100.0 * static_cast<double>(s.at_start - s.lost) / static_cast<double>(s.at_start);
}

std::optional<Interval> churn_interval(const RetentionSummary &s, double confidence)
{
    check_confidence(confidence);
    if (s.at_start == 0)
        return std::nullopt;
    double n = static_cast<double>(s.at_start);
    Interval i = wilson_interval(static_cast<double>(s.lost) / n, n, confidence);
    return Interval{100 * i.lower, 100 * i.upper};
}

std::optional<Interval> retention_interval(const RetentionSummary &s, double confidence)
{
    std::optional<Interval> churn = churn_interval(s, confidence);
    if (!churn)
        return std::nullopt;
    return Interval{100 - churn->upper, 100 - churn->lower};
}

namespace {

// Throws invalid_parameter unless count is a finite number >= 0.
void check_count(double count, const char *name)
{
    if (!std::isfinite(count) || count < 0)
        throw Error(ErrorKind::invalid_parameter,
                    std::string(name) + " must be a finite count of 0 or more",
                    "Got " + to_text(count) + ".");
}

const char *kCountsHint =
    "With lifetimes at hand, the aggregates churn_rate(started, ended, period_start, "
    "period_end) and retention_rate(...) count each customer exactly.";

}  // namespace

std::optional<double> churn_rate_from_counts(double at_start, double lost)
{
    check_count(at_start, "customers at start");
    check_count(lost, "lost customers");
    if (lost > at_start)
        throw Error(ErrorKind::invalid_parameter, "more customers lost than at the start",
                    "The churn rate counts only customers lost from the " + to_text(at_start) +
                        " at the start; " + to_text(lost) + " were given as lost.",
                    kCountsHint);
    if (at_start == 0)
        return std::nullopt;
    return 100 * lost / at_start;
}

std::optional<double> retention_rate_from_counts(double at_start, double at_end,
                                                 double new_customers)
{
    check_count(at_start, "customers at start");
    check_count(at_end, "customers at end");
    check_count(new_customers, "new customers");
    if (at_start == 0)
        return std::nullopt;
    double rate = 100 * (at_end - new_customers) / at_start;
    if (!(rate >= 0 && rate <= 100))
        throw Error(ErrorKind::invalid_parameter, "counts give a retention rate outside 0..100",
                    "(E - N) / S assumes that every new customer is still there at the end; "
                    "these counts give " +
                        to_text(rate) + " %.",
                    kCountsHint);
    return rate;
}

size_t format_retention(const RetentionSummary &s, char *out)
{
    if (unit_of(s) == TimeUnit::none) {
        std::strcpy(out, "v1 empty");
        return 8;
    }
    bool date = unit_of(s) == TimeUnit::date;
    char start[48], end[48];
    if (date) {
        format_date(s.period_start, start, sizeof start);
        format_date(s.period_end, end, sizeof end);
    } else {
        format_instant(s.period_start, start, sizeof start);
        format_instant(s.period_end, end, sizeof end);
    }
    int n =
        std::snprintf(out, kRetentionTextCapacity,
                      "v1 %s %s/%s at_start=%lld new=%lld at_end=%lld lost=%lld new_lost=%lld",
                      date ? "date" : "timestamptz", start, end, static_cast<long long>(s.at_start),
                      static_cast<long long>(s.new_customers), static_cast<long long>(s.at_end),
                      static_cast<long long>(s.lost), static_cast<long long>(s.new_lost));
    return static_cast<size_t>(n);
}

RetentionSummary parse_retention(const char *text)
{
    RetentionSummary s = empty_retention();
    TextReader r(text, "retention_summary",
                 "v1 date 2024-01-01/2024-04-01 at_start=3 new=2 at_end=3 lost=1 new_lost=1");

    r.skip_spaces();
    if (!r.accept("v1 "))
        r.fail("the format version \"v1 \"");
    if (r.accept("empty")) {
        r.skip_spaces();
        if (!r.at_end())
            r.fail("the end of the summary");
        return s;
    }

    bool date = r.accept("date ");
    if (!date)
        r.expect("timestamptz ");
    s.unit = static_cast<uint8_t>(date ? TimeUnit::date : TimeUnit::timestamptz);
    s.period_start = date ? read_date(r) : read_instant(r);
    r.expect("/");
    s.period_end = date ? read_date(r) : read_instant(r);
    r.expect(" at_start=");
    s.at_start = r.count();
    r.expect(" new=");
    s.new_customers = r.count();
    r.expect(" at_end=");
    s.at_end = r.count();
    r.expect(" lost=");
    s.lost = r.count();
    r.expect(" new_lost=");
    s.new_lost = r.count();
    r.skip_spaces();
    if (!r.at_end())
        r.fail("the end of the summary");

    validate(s, ErrorKind::invalid_text);
    return s;
}

}  // namespace cx
