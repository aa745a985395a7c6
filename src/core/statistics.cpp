// Statistical distributions for intervals and tests, through Boost.Math.
#include "core/statistics.hpp"

#include <cmath>
#include <string>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "core/error.hpp"
#include "core/number_text.hpp"

namespace cx {
namespace {

namespace bm = boost::math;

// Every Boost.Math error throws, and the SQL boundary turns what escapes into an ERROR; the
// arguments are checked first, so these are a second line of defence.
using Policy = bm::policies::policy<bm::policies::domain_error<bm::policies::throw_on_error>,
                                    bm::policies::pole_error<bm::policies::throw_on_error>,
                                    bm::policies::overflow_error<bm::policies::throw_on_error>,
                                    bm::policies::evaluation_error<bm::policies::throw_on_error>>;

using Normal = bm::normal_distribution<double, Policy>;
using StudentT = bm::students_t_distribution<double, Policy>;

// Throws invalid_parameter unless df is a positive number.
void check_degrees_of_freedom(double df)
{
    if (!(df > 0) || std::isnan(df))
        throw Error(ErrorKind::invalid_parameter, "invalid degrees of freedom",
                    "Degrees of freedom must be greater than 0.");
}

}  // namespace

void check_confidence(double confidence)
{
    if (!(confidence > 0 && confidence < 1))
        throw Error(ErrorKind::invalid_parameter, "confidence level out of range",
                    "The confidence level must be a fraction strictly between 0 and 1, such as "
                    "0.95; " +
                        to_text(confidence) + " was given.");
}

double normal_critical_value(double confidence)
{
    check_confidence(confidence);
    return bm::quantile(bm::complement(Normal(), (1 - confidence) / 2)) + 0.0;  // never -0
}

double t_critical_value(double confidence, double df)
{
    check_confidence(confidence);
    check_degrees_of_freedom(df);
    return bm::quantile(bm::complement(StudentT(df), (1 - confidence) / 2)) + 0.0;
}

double normal_two_sided_p(double z)
{
    if (std::isnan(z))
        throw Error(ErrorKind::invalid_parameter, "test statistic is not a number");
    return 2 * bm::cdf(bm::complement(Normal(), std::fabs(z)));
}

double t_two_sided_p(double t, double df)
{
    check_degrees_of_freedom(df);
    if (std::isnan(t))
        throw Error(ErrorKind::invalid_parameter, "test statistic is not a number");
    return 2 * bm::cdf(bm::complement(StudentT(df), std::fabs(t)));
}

Interval wilson_interval(double p, double n, double confidence)
{
    double z = normal_critical_value(confidence);
    double z2n = z * z / n;
    double centre = (p + z2n / 2) / (1 + z2n);
    double half = z * std::sqrt(p * (1 - p) / n + z2n / (4 * n)) / (1 + z2n);
    return {std::fmax(0.0, centre - half), std::fmin(1.0, centre + half)};
}

}  // namespace cx
