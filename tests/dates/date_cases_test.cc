#include <catch2/catch.hpp>
#include <iostream>
#include "dates/dates.h"
#include "dates/quantities.h"
using namespace gyosei::dates;
TEST_CASE("smoke") {
  auto s = DateScanner::Create();
  REQUIRE(s.ok());
  QuantityScanner qs;
  for (const char* t : {"令和4年4月1日現在の職員数を318人とします。", "平成 20年度から平成 24年度までの 5年間", "令和4年1月末3月末までに", "2024(令和5)年度", "平成32年度", "令和三年十月二十九日", "H30.4.1 R3.10.29 Ｒ３ 令3年度", "年度上期(4月～9月)", "約3.5億円", "60%以上90%未満", "▲5%", "1万2千人"}) {
    DateContext ctx;
    std::vector<DateExpr> out;
    s->Scan(t, ctx, out);
    for (auto& e : out) {
      std::cout << t << " => " << e.text << " " << DateKindName(e.kind) << " " << e.value << " fy" << e.fiscal_year << " " << e.range_start << ".." << e.range_end << " " << DateMarkerName(e.marker);
      for (auto& w : e.warnings) std::cout << " [" << w.code << ": " << w.message << "]";
      std::cout << "\n";
    }
    std::vector<Quantity> q;
    qs.Scan(t, q);
    for (auto& e : q) std::cout << "  Q " << e.text << " " << e.value << " " << e.unit << " " << e.comparison << " max=" << (e.range_max ? *e.range_max : -1) << "\n";
  }
}
