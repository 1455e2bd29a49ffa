// One line per quantity with every field, so that a table row states the exact output and a
// failure shows the whole difference at once.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "quantities/quantities.h"

namespace gyosei::quantities::testing {

inline std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// text|value|range_max|unit|~ (approximate)|comparison|max_comparison|M (maintain)|direction
inline std::string Render(const Quantity& q) {
  return q.text + "|" + Num(q.value) + "|" + (q.range_max ? Num(*q.range_max) : "") + "|" + q.unit +
         "|" + (q.approximate ? "~" : "") + "|" + q.comparison + "|" + q.max_comparison + "|" +
         (q.maintain ? "M" : "") + "|" + q.direction;
}

inline std::vector<std::string> RenderAll(const std::vector<Quantity>& all) {
  std::vector<std::string> out;
  for (const Quantity& q : all) out.push_back(Render(q));
  return out;
}

}  // namespace gyosei::quantities::testing
