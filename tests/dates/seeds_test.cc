// `gyosei dates` over the five seed documents: every date expression, with its exact value,
// scanned the way the CLI does it (line by line, one context per document, no fiscal year
// given).
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dates/dates.h"
#include "render.h"

namespace gyosei::dates {
namespace {

struct Found {
  int line;
  std::string rendered;
  friend bool operator==(const Found&, const Found&) = default;
};

std::ostream& operator<<(std::ostream& out, const Found& f) {
  return out << f.line << ": " << f.rendered;
}

std::vector<std::string> Lines(const std::string& name) {
  std::ifstream in(std::string(GYOSEI_SOURCE_DIR) + "/corpus/" + name);
  REQUIRE(in.good());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

const DateScanner& Scanner() { return testing::SharedDateScanner(); }

std::vector<Found> ScanSeed(const std::string& name) {
  DateContext ctx;
  std::vector<Found> out;
  std::vector<std::string> lines = Lines(name);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::vector<DateExpr> found;
    Scanner().Scan(lines[i], ctx, found);
    for (const DateExpr& e : found) out.push_back({static_cast<int>(i + 1), testing::Render(e)});
  }
  return out;
}

struct Seed {
  const char* file;
  std::vector<Found> expected;
};

const Seed kSeeds[] = {
    {"000_ffb01740a82d06a7.txt",
     {
         {18, "令和2年度|fiscal_year||2020|2020-04-01|2021-03-31|||"},
         {28, "令和3年4月|month|2021-04||||||"},
         {61, "令和3年度|fiscal_year||2021|2021-04-01|2022-03-31|||"},
     }},
    {"001_c5bbb58d7165dbb1.txt",
     {
         {3, "令和3年度|fiscal_year||2021|2021-04-01|2022-03-31|||"},
         {16, "昨年度|fiscal_year||2020|2020-04-01|2021-03-31||A|"},
         {19, "昨年度|fiscal_year||2020|2020-04-01|2021-03-31||A|"},
         {26, "平成17年度|fiscal_year||2005|2005-04-01|2006-03-31|||"},
         {26, "令和元年度|fiscal_year||2019|2019-04-01|2020-03-31|||"},
         {26, "令和4年4月1日|date|2022-04-01||||as_of||"},
         {29, "令和3年10月29日|date|2021-10-29||||as_of||"},
         {32, "昨年度|fiscal_year||2020|2020-04-01|2021-03-31||A|"},
         {34, "令和3年2月末|month_end|2021-02-28||||as_of||"},
         {34, "令和3年2月末|month_end|2021-02-28||||as_of||"},
         // 令和4年1月末3月末: a struck-through revision run together; 3月 is in 令和4年.
         {34, "令和4年1月末|month_end|2022-01-31||||||"},
         {34, "3月末|month_end|2022-03-31||||until|A|"},
         {37, "令和2年3月|month|2020-03||||||"},
         {37, "同年5月|month|2020-05|||||A|"},
         {39, "令和2年度末|month_end|2021-03-31|2020|||||"},
         {39, "令和2年度末|month_end|2021-03-31|2020|||||"},
     }},
    {"002_5f1a78a3c3e66711.txt",
     {
         {1, "2024(令和6)年度|fiscal_year||2024|2024-04-01|2025-03-31|||"},
         {12, "令和6年度|fiscal_year||2024|2024-04-01|2025-03-31|||"},
         {12, "令和5年度|fiscal_year||2023|2023-04-01|2024-03-31|||"},
         {12, "令和5年度|fiscal_year||2023|2023-04-01|2024-03-31|||"},
         {14, "令和5年度|fiscal_year||2023|2023-04-01|2024-03-31|||"},
         {38, "令和7年4月|month|2025-04||||||"},
         {40, "2024年|year|2024||||||"},
     }},
    // No year anywhere: the relative expressions are reported, unresolved.
    {"003_2a7c210278e47f29.txt",
     {
         {19, "今年度|fiscal_year||||||A|unresolved_anaphora"},
         {24, "今年度|fiscal_year||||||A|unresolved_anaphora"},
         {29, "今年度|fiscal_year||||||A|unresolved_anaphora"},
         {38, "年度上期|range||||||A|unresolved_anaphora"},
         {38, "4月~9月|range||||||A|unresolved_anaphora"},
         {40, "上半期|range||||||A|unresolved_anaphora"},
         {41, "上期|range||||||A|unresolved_anaphora"},
         {42, "下期|range||||||A|unresolved_anaphora"},
         {44, "年度下期|range||||||A|unresolved_anaphora"},
         {44, "10月~3月|range||||||A|unresolved_anaphora"},
         {46, "年度末|month_end||||||A|unresolved_anaphora"},
         {47, "下期|range||||||A|unresolved_anaphora"},
         {50, "次年度|fiscal_year||||||A|unresolved_anaphora"},
         {54, "次年度|fiscal_year||||||A|unresolved_anaphora"},
     }},
    {"004_c3cb6c837472769f.txt",
     {
         {7, "昭和61年 6月|month|1986-06||||||"},
         {9, "平成8年2月|month|1996-02||||||"},
         {11, "平成13年 3月|month|2001-03||||||"},
         {13, "平成18年 2月|month|2006-02||||||"},
         {15, "平成13 年 3月|month|2001-03||||||"},
         {27, "平成 15年 8月|month|2003-08||||||"},
         {27, "平成18年度|fiscal_year||2006|2006-04-01|2007-03-31|||"},
         {37, "平成18年度|fiscal_year||2006|2006-04-01|2007-03-31|||"},
         {238, "平成 20年度から平成 24年度まで|range|||2008-04-01|2013-03-31|||"},
         {489, "平成 15年度|fiscal_year||2003|2003-04-01|2004-03-31|||"},
         {554, "平成22年 4月|month|2010-04||||||"},
     }},
};

TEST_CASE("every date in the five seeds, with its value") {
  for (const Seed& seed : kSeeds) {
    INFO("seed: " << seed.file);
    CHECK(ScanSeed(seed.file) == seed.expected);
  }
}

// Independent of the table above: every era name followed by a year number in a seed starts
// an expression that has a value.
TEST_CASE("no era year in the seeds is missed") {
  const std::vector<std::string> eras = {"明治", "大正", "昭和", "平成", "令和"};
  int checked = 0;
  for (const Seed& seed : kSeeds) {
    DateContext ctx;
    for (const std::string& line : Lines(seed.file)) {
      std::vector<DateExpr> found;
      Scanner().Scan(line, ctx, found);
      for (const std::string& era : eras) {
        for (size_t at = line.find(era); at != std::string::npos; at = line.find(era, at + 1)) {
          size_t next = at + era.size();
          while (next < line.size() && line[next] == ' ') ++next;
          bool digit = next < line.size() &&
                       ((line[next] >= '0' && line[next] <= '9') ||
                        line.compare(next, 3, "元") == 0 || line.compare(next, 2, "\xEF\xBC") == 0);
          if (!digit) continue;
          ++checked;
          bool covered = false;
          for (const DateExpr& e : found)
            covered |= e.begin <= at && at < e.end &&
                       (!e.value.empty() || !e.range_start.empty() || e.fiscal_year != 0);
          INFO(seed.file << ": " << line.substr(at, 30));
          CHECK(covered);
        }
      }
    }
  }
  CHECK(checked == 32);  // grep -oP "(明治|大正|昭和|平成|令和) *([0-9元]|[０-９])" corpus/*.txt
}

}  // namespace
}  // namespace gyosei::dates
