// Customer lifetime value from a margin per period, a retention rate and a discount rate.
#pragma once

namespace cx {

// margin * r / (1 + d - r), with retention and discount in percent (r = retention / 100,
// d = discount / 100): the discounted margin of a customer kept with probability r each period.
// Throws invalid_parameter unless margin is finite, retention lies in [0, 100) and discount is
// finite and >= 0.
double clv(double margin, double retention, double discount);

}  // namespace cx
