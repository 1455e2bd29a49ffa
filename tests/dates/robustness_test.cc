// Random mixtures of the pieces dates and quantities are made of, malformed UTF-8 included:
// the scanners must not crash, and what they report must point into the text.
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "dates/dates.h"
#include "quantities/quantities.h"
#include "render.h"

namespace gyosei::dates {
namespace {

std::string RandomText(std::mt19937& rng) {
  static const std::vector<std::string> kPieces = {
      "令和", "平成", "昭和", "R",      "H",        "S",      "令",   "元",   "1",    "2",
      "3",    "0",    "12",   "31",     "2024",     "２",     "３",   "十",   "二",   "三",
      "百",   "千",   "万",   "億",     "年",       "度",     "月",   "日",   "末",   "初",
      "上旬", "下期", "第",   "四半期", "同年",     "翌年度", "から", "まで", "現在", "時点",
      "(",    ")",    "（",   "）",     "~",        "～",     "-",    ".",    "/",    ",",
      "，",   " ",    "　",   "%",      "人",       "件",     "円",   "以上", "未満", "を維持",
      "▲",    "約",   "か月", "\xE4",   "\xE4\xBB", "\xFF",   "\x80", "a"};
  std::uniform_int_distribution<size_t> piece(0, kPieces.size() - 1), count(0, 24);
  std::string text;
  for (size_t n = count(rng); n > 0; --n) text += kPieces[piece(rng)];
  return text;
}

TEST_CASE("random input: no crash, offsets inside the text") {
  const DateScanner& dates = testing::SharedDateScanner();
  static const quantities::QuantityScanner quantities;
  std::mt19937 rng(20240401);
  size_t date_count = 0, quantity_count = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text = RandomText(rng);
    DateContext ctx;
    ctx.document_fiscal_year = round % 3 == 0 ? 2021 : 0;
    std::vector<DateExpr> found;
    dates.Scan(text, ctx, found);
    for (const DateExpr& e : found) {
      INFO(text);
      REQUIRE(e.begin < e.end);
      REQUIRE(e.end <= text.size());
      REQUIRE(
          (e.value.empty() || e.value.size() == 4 || e.value.size() == 7 || e.value.size() == 10));
    }
    date_count += found.size();
    std::vector<quantities::Quantity> q;
    quantities.Scan(text, q);
    for (const quantities::Quantity& x : q) {
      INFO(text);
      REQUIRE(x.begin < x.end);
      REQUIRE(x.end <= text.size());
    }
    quantity_count += q.size();
  }
  // The generator does produce expressions, so the checks above are not vacuous.
  CHECK(date_count > 1000);
  CHECK(quantity_count > 1000);
}

}  // namespace
}  // namespace gyosei::dates
