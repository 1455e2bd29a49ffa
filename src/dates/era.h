// Internal to src/dates: the modern Japanese eras as ICU's Japanese calendar defines them, and
// the proleptic Gregorian arithmetic the scanner needs.
#pragma once

#include <compare>
#include <string>
#include <vector>

#include "core/status.h"

namespace gyosei::dates::internal {

struct Ymd {
  int y = 0, m = 0, d = 0;
  auto operator<=>(const Ymd&) const = default;
};

bool IsLeapYear(int y);
int DaysInMonth(int y, int m);                 // 0 for a month outside 1..12
std::string Iso(int y, int m = 0, int d = 0);  // "2021", "2021-02", "2021-02-28"
std::string Iso(const Ymd& date);

struct Era {
  std::string name;     // 令和: ICU's era name
  std::string letter;   // R: ICU's narrow era name
  std::string initial;  // 令: first character of the name, the one-kanji abbreviation
  int first_year = 0;   // Gregorian year of 元年, read from UCAL_EXTENDED_YEAR
  Ymd start;            // first day of the era
  Ymd last;             // last day; y == 0 while the era is current
  int LastEraYear() const { return last.y == 0 ? 0 : last.y - first_year + 1; }
};

// Meiji and every era after it, oldest first, read from ICU's ja_JP@calendar=japanese once.
// An era added to ICU's data later shows up here without a code change.
Expected<std::vector<Era>> LoadModernEras();

}  // namespace gyosei::dates::internal
