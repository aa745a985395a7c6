// Customer lifetime value.
#include "core/lifetime_value.hpp"

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/number_text.hpp"

namespace cx {
double clv(double margin, double retention, double discount)
{
    if (!std::isfinite(margin))
        throw Error(ErrorKind::invalid_parameter, "margin must be a finite number");
    if (!(retention >= 0 && retention < 100))
        throw Error(
            ErrorKind::invalid_parameter, "retention rate out of range",
            "The retention rate is a percent in [0, 100); " + to_text(retention) + " was given.",
            "A retention of 100 % keeps every customer forever and has no finite value.");
    if (!(discount >= 0) || !std::isfinite(discount))
        throw Error(ErrorKind::invalid_parameter, "discount rate out of range",
                    "The discount rate is a finite percent of 0 or more; " + to_text(discount) +
                        " was given.");

    // Rates in percent become fractions; 1 + d - r > 0 since r < 1 and d >= 0.
    double r = retention / 100;
    double d = discount / 100;
    return margin * r / (1 + d - r);
}

}  // namespace cx
