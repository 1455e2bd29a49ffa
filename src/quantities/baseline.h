// A target's baseline: the quantity written next to it in parentheses and the date it was
// measured at. Quantities depend on dates here, never the other way round.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dates/dates.h"
#include "quantities/quantities.h"

namespace gyosei::quantities {

// The baseline written next to a target, in parentheses:
//   (令和5年度49.4%)                               value 49.4 "%", fiscal_year 2023, date ""
//   (令和3年2月末時点のfacebook発信回数：460回)      value 460 "回", date "2021-02-28",
//                                                   label "facebook発信回数"
//   (令和2年度末実績：78件)                          value 78 "件", fiscal_year 2020,
//                                                   date "2021-03-31", label "実績"
//   (令和5年度全国で204位)                           value 204 "位", fiscal_year 2023
//   (令和5年度:17件)                                 value 17 "件", fiscal_year 2023
struct Baseline {
  double value = 0;
  std::string unit;
  std::string date;     // ISO day or month the value was measured at; "" = none
  int fiscal_year = 0;  // the 年度 it belongs to; 0 = none
  std::string label;    // what was measured, when written between the date and the value
};

// Reads a baseline from `text`, with or without its parentheses. nullopt when the text holds
// no quantity; a baseline without a date has date "" and fiscal_year 0.
std::optional<Baseline> ParseBaseline(const dates::DateScanner& dates,
                                      const QuantityScanner& quantities, std::string_view text);

}  // namespace gyosei::quantities
