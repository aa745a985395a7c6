// Figures, intervals and tests of score summaries.
#include "core/score_metrics.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"

namespace cx {
namespace {

// Answers per score as the figures see them: weight sums when weighted, else counts.
double mass(const ScoreSummary &s, int i)
{
    return is_weighted(s) ? s.weights[i] : static_cast<double>(s.counts[i]);
}

// Total mass of the scores from first to last, inclusive.
double mass_between(const ScoreSummary &s, int first, int last)
{
    double total = 0;
    for (int score = first; score <= last; score++)
        total += mass(s, score - scale_of(s).lowest);
    return total;
}

// Total mass of the summary.
double total_mass(const ScoreSummary &s)
{
    Scale scale = scale_of(s);
    return mass_between(s, scale.lowest, scale.highest);
}

// Promoter and detractor shares of an NPS summary with mass.
struct NpsShares {
    double promoters;
    double detractors;
};

NpsShares nps_shares(const ScoreSummary &s)
{
    double total = total_mass(s);
    return {mass_between(s, kFirstPromoter, 10) / total,
            mass_between(s, 0, kLastDetractor) / total};
}

// Variance of the -1/0/+1 coding of NPS answers.
double nps_variance(const ScoreSummary &s)
{
    NpsShares p = nps_shares(s);
    double diff = p.promoters - p.detractors;
    return std::fmax(0.0, (p.promoters + p.detractors) - diff * diff);
}

// Satisfied share of a CSAT summary with mass, as a fraction.
double satisfied_share(const ScoreSummary &s)
{
    return mass_between(s, kDefaultSatisfiedFrom, scale_of(s).highest) / total_mass(s);
}

// Sum of squared deviations from the mean, divided by the mass (the population variance).
double ces_population_variance(const ScoreSummary &s)
{
    Scale scale = scale_of(s);
    double total = total_mass(s);
    double mean = *ces(s);
    double squares = 0;
    for (int score = scale.lowest; score <= scale.highest; score++) {
        double d = score - mean;
        squares += mass(s, score - scale.lowest) * d * d;
    }
    return squares / total;
}

// Throws invalid_parameter unless a and b are summaries of one metric.
void check_same_metric(const ScoreSummary &a, const ScoreSummary &b)
{
    if (metric_of(a) != metric_of(b))
        throw Error(ErrorKind::invalid_parameter, "cannot compare summaries of different metrics");
}

}  // namespace

Figure nps(const ScoreSummary &s)
{
    // Counts below 2^53 are exact doubles, so unweighted figures round only in the division.
    double total = total_mass(s);
    if (total == 0)
        return std::nullopt;
    return 100.0 * (mass_between(s, kFirstPromoter, 10) - mass_between(s, 0, kLastDetractor)) /
           total;
}

Figure csat(const ScoreSummary &s, int satisfied_from)
{
    Scale scale = scale_of(s);
    if (!scale.contains(satisfied_from))
        throw Error(ErrorKind::invalid_parameter, "satisfied_from out of range",
                    "The lowest satisfied score must lie on the scale, from " +
                        std::to_string(scale.lowest) + " to " + std::to_string(scale.highest) +
                        "; " + std::to_string(satisfied_from) + " was given.");
    double total = total_mass(s);
    if (total == 0)
        return std::nullopt;
    return 100.0 * mass_between(s, satisfied_from, scale.highest) / total;
}

Figure ces(const ScoreSummary &s)
{
    Scale scale = scale_of(s);
    double total = total_mass(s);
    if (total == 0)
        return std::nullopt;
    double sum = 0;
    for (int score = scale.lowest; score <= scale.highest; score++)
        sum += score * mass(s, score - scale.lowest);
    return sum / total;
}

Figure headline(const ScoreSummary &s)
{
    switch (metric_of(s)) {
        case Metric::nps:
            return nps(s);
        case Metric::csat:
            return csat(s);
        case Metric::ces:
            return ces(s);
    }
    return std::nullopt;
}

double effective_responses(const ScoreSummary &s)
{
    if (!is_weighted(s))
        return total_mass(s);
    double total = total_mass(s);
    return s.weight_squares > 0 ? total * total / s.weight_squares : 0.0;
}

Figure std_dev(const ScoreSummary &s)
{
    double n = effective_responses(s);
    if (!(n >= 2) || total_mass(s) == 0)
        return std::nullopt;
    return std::sqrt(ces_population_variance(s) * n / (n - 1));
}

Figure std_error(const ScoreSummary &s)
{
    double n = effective_responses(s);
    if (total_mass(s) == 0 || n == 0)
        return std::nullopt;
    switch (metric_of(s)) {
        case Metric::nps:
            return 100.0 * std::sqrt(nps_variance(s) / n);
        case Metric::csat: {
            double p = satisfied_share(s);
            return 100.0 * std::sqrt(p * (1 - p) / n);
        }
        case Metric::ces: {
            Figure sd = std_dev(s);
            if (!sd)
                return std::nullopt;
            return *sd / std::sqrt(n);
        }
    }
    return std::nullopt;
}

Figure margin_of_error(const ScoreSummary &s, double confidence)
{
    check_confidence(confidence);
    Figure se = std_error(s);
    if (!se)
        return std::nullopt;
    if (metric_of(s) == Metric::ces)
        return t_critical_value(confidence, effective_responses(s) - 1) * *se;
    return normal_critical_value(confidence) * *se;
}

std::optional<Interval> confidence_interval(const ScoreSummary &s, double confidence)
{
    check_confidence(confidence);
    Figure figure = headline(s);
    Figure margin = margin_of_error(s, confidence);
    if (!figure || !margin)
        return std::nullopt;
    switch (metric_of(s)) {
        case Metric::nps:
            return Interval{std::fmax(-100.0, *figure - *margin),
                            std::fmin(100.0, *figure + *margin)};
        case Metric::csat: {
            Interval w = wilson_interval(satisfied_share(s), effective_responses(s), confidence);
            return Interval{100.0 * w.lower, 100.0 * w.upper};
        }
        case Metric::ces: {
            Scale scale = scale_of(s);
            return Interval{std::fmax(double(scale.lowest), *figure - *margin),
                            std::fmin(double(scale.highest), *figure + *margin)};
        }
    }
    return std::nullopt;
}

Comparison compare(const ScoreSummary &a, const ScoreSummary &b)
{
    check_same_metric(a, b);
    Comparison result;
    Figure fa = headline(a);
    Figure fb = headline(b);
    if (!fa || !fb)
        return result;
    result.difference = *fa - *fb;

    double na = effective_responses(a);
    double nb = effective_responses(b);
    switch (metric_of(a)) {
        case Metric::nps:
            result.std_error =
                std::sqrt(*std_error(a) * *std_error(a) + *std_error(b) * *std_error(b));
            break;
        case Metric::csat: {
            if (!(na > 0) || !(nb > 0))
                return result;
            double pooled = (satisfied_share(a) * na + satisfied_share(b) * nb) / (na + nb);
            result.std_error = 100.0 * std::sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
            break;
        }
        case Metric::ces: {
            Figure sa = std_dev(a);
            Figure sb = std_dev(b);
            if (!sa || !sb)
                return result;
            double va = *sa * *sa / na;
            double vb = *sb * *sb / nb;
            result.std_error = std::sqrt(va + vb);
            if (*result.std_error > 0) {
                double df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
                result.statistic = *result.difference / *result.std_error;
                result.p_value = t_two_sided_p(*result.statistic, df);
            }
            return result;
        }
    }
    if (*result.std_error > 0) {
        result.statistic = *result.difference / *result.std_error;
        result.p_value = normal_two_sided_p(*result.statistic);
    }
    return result;
}

}  // namespace cx
