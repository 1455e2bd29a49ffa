#include "dates/era.h"

#include <unicode/calendar.h>
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>

#include <cstdio>
#include <memory>

namespace gyosei::dates::internal {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

std::string Iso(int y, int m, int d) {
  char buf[16];
  if (m == 0) {
    std::snprintf(buf, sizeof buf, "%04d", y);
  } else if (d == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  return buf;
}

std::string Iso(const Ymd& date) { return Iso(date.y, date.m, date.d); }

namespace {

Status IcuError(const char* what, UErrorCode code) {
  return Status(StatusCode::kInternal,
                std::string("ICU Japanese calendar: ") + what + ": " + u_errorName(code));
}

std::string Utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

Ymd GregorianFields(const icu::Calendar& cal, UErrorCode& status) {
  return {cal.get(UCAL_EXTENDED_YEAR, status), cal.get(UCAL_MONTH, status) + 1,
          cal.get(UCAL_DATE, status)};
}

}  // namespace

Expected<std::vector<Era>> LoadModernEras() {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale("ja_JP@calendar=japanese");
  std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(locale, status));
  if (U_FAILURE(status)) return IcuError("createInstance", status);
  icu::DateFormatSymbols symbols(locale, "japanese", status);
  if (U_FAILURE(status)) return IcuError("DateFormatSymbols", status);
  int32_t name_count = 0, letter_count = 0;
  const icu::UnicodeString* names = symbols.getEraNames(name_count);
  const icu::UnicodeString* letters = symbols.getNarrowEras(letter_count);

  // The era in force on 1 January 1869 is Meiji, the first era of the Gregorian-calendar
  // age; every era ICU knows after it is a modern era. Earlier eras are left out on purpose
  // (peer-tests ja-timex A41, 大化1年): municipal documents do not date anything by them.
  cal->clear();
  cal->set(UCAL_EXTENDED_YEAR, 1869);
  cal->set(UCAL_MONTH, UCAL_JANUARY);
  cal->set(UCAL_DATE, 1);
  int32_t first = cal->get(UCAL_ERA, status);
  if (U_FAILURE(status)) return IcuError("era of 1869", status);

  std::vector<Era> eras;
  for (int32_t e = first; e < name_count && e < letter_count; ++e) {
    Era era;
    era.name = Utf8(names[e]);
    era.letter = Utf8(letters[e]);
    size_t lead = era.name.empty() ? 0 : 1;
    while (lead < era.name.size() && (static_cast<unsigned char>(era.name[lead]) & 0xC0) == 0x80)
      ++lead;
    era.initial = era.name.substr(0, lead);
    cal->clear();
    cal->set(UCAL_ERA, e);
    cal->set(UCAL_YEAR, 1);
    cal->set(UCAL_MONTH, UCAL_JANUARY);
    cal->set(UCAL_DATE, 1);
    era.first_year = cal->get(UCAL_EXTENDED_YEAR, status);
    // 1 January of 元年 usually still belongs to the previous era; walk to the first day.
    for (int i = 0; i < 366 && cal->get(UCAL_ERA, status) != e && U_SUCCESS(status); ++i)
      cal->add(UCAL_DATE, 1, status);
    era.start = GregorianFields(*cal, status);
    if (U_FAILURE(status)) return IcuError("era start", status);
    if (!eras.empty()) {
      cal->add(UCAL_DATE, -1, status);
      eras.back().last = GregorianFields(*cal, status);
    }
    eras.push_back(std::move(era));
  }
  if (eras.empty() || U_FAILURE(status)) return IcuError("no modern eras", status);
  return eras;
}

}  // namespace gyosei::dates::internal
