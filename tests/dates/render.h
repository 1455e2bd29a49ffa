// One line per expression with every field, so that a table row states the exact output and
// a failure shows the whole difference at once.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "dates/dates.h"

namespace gyosei::dates::testing {

// One scanner for all the tests of a binary, as a program would hold it.
inline const DateScanner& SharedDateScanner() {
  static const DateScanner scanner = std::move(DateScanner::Create().value());
  return scanner;
}

// text|kind|value|fiscal_year|range_start|range_end|marker|A (anaphoric)|warning codes
inline std::string Render(const DateExpr& e) {
  std::string codes;
  for (const DateWarning& w : e.warnings) codes += (codes.empty() ? "" : ",") + w.code;
  return e.text + "|" + DateKindName(e.kind) + "|" + e.value + "|" +
         (e.fiscal_year ? std::to_string(e.fiscal_year) : "") + "|" + e.range_start + "|" +
         e.range_end + "|" + DateMarkerName(e.marker) + "|" + (e.anaphoric ? "A" : "") + "|" +
         codes;
}

template <typename T>
std::vector<std::string> RenderAll(const std::vector<T>& all) {
  std::vector<std::string> out;
  for (const T& x : all) out.push_back(Render(x));
  return out;
}

}  // namespace gyosei::dates::testing
