// The scanner reads ICU's era table once; these tests ask ICU's Japanese calendar directly, in
// the test, for every era year the scanner converts, and run the scanner from several threads.
#include <unicode/calendar.h>
#include <unicode/locid.h>

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "dates/dates.h"
#include "render.h"

namespace gyosei::dates {
namespace {

const DateScanner& Scanner() { return testing::SharedDateScanner(); }

std::string ScanOne(const std::string& text) {
  DateContext ctx;
  std::vector<DateExpr> found;
  Scanner().Scan(text, ctx, found);
  return found.size() == 1 ? found[0].value : "(" + std::to_string(found.size()) + " found)";
}

TEST_CASE("every era year converts as ICU's Japanese calendar says") {
  struct EraRange {
    const char* name;
    int32_t icu_era;  // ICU's era index: 232 明治 ... 236 令和
    int last_year;    // the last era year that has a day in the era
  };
  const EraRange eras[] = {{"明治", 232, 45},
                           {"大正", 233, 15},
                           {"昭和", 234, 64},
                           {"平成", 235, 31},
                           {"令和", 236, 20}};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::Locale("ja_JP@calendar=japanese"), status));
  REQUIRE(U_SUCCESS(status));
  int checked = 0;
  for (const EraRange& e : eras) {
    for (int year = 1; year <= e.last_year; ++year) {
      cal->clear();
      cal->set(UCAL_ERA, e.icu_era);
      cal->set(UCAL_YEAR, year);
      cal->set(UCAL_MONTH, UCAL_DECEMBER);
      cal->set(UCAL_DATE, 31);
      int32_t gregorian = cal->get(UCAL_EXTENDED_YEAR, status);
      REQUIRE(U_SUCCESS(status));
      std::string era_year = std::string(e.name) + (year == 1 ? "元" : std::to_string(year));
      INFO(era_year);
      CHECK(ScanOne(era_year + "年") == std::to_string(gregorian));
      ++checked;
    }
  }
  CHECK(checked == 45 + 15 + 64 + 31 + 20);
}

TEST_CASE("one scanner, several threads, each with its own context") {
  const std::string text =
      "令和2年3月、外国人相談窓口の設置、同年5月には開設。令和3年度上期、平成32年度、"
      "2024(令和5)年度、令和3年2月30日、令和4年4月1日現在。";
  DateContext ctx;
  std::vector<DateExpr> reference;
  Scanner().Scan(text, ctx, reference);
  REQUIRE(reference.size() == 7);
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&text, &result] {
      for (int round = 0; round < 200; ++round) {
        DateContext own;
        std::vector<DateExpr> found;
        Scanner().Scan(text, own, found);
        result = testing::RenderAll(found);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& result : results) CHECK(result == testing::RenderAll(reference));
}

}  // namespace
}  // namespace gyosei::dates
