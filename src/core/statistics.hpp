// Quantiles and tail probabilities of the normal and Student t distributions, from Boost.Math,
// with every argument checked so that a bad one raises an invalid_parameter error.
#pragma once

namespace cx {

// Throws invalid_parameter unless confidence is a number strictly between 0 and 1.
void check_confidence(double confidence);

// z such that a standard normal lies within +-z with the given probability.
double normal_critical_value(double confidence);

// t such that a Student t with df degrees of freedom lies within +-t with that probability.
double t_critical_value(double confidence, double df);

// Two-sided p-value of a standard normal statistic.
double normal_two_sided_p(double z);

// Two-sided p-value of a Student t statistic with df degrees of freedom.
double t_two_sided_p(double t, double df);

// A closed interval of a figure.
struct Interval {
    double lower;
    double upper;
};

// Wilson score interval of a proportion p observed in n answers, without continuity
// correction, as fractions.
Interval wilson_interval(double p, double n, double confidence);

}  // namespace cx
