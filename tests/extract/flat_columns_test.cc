// Tables flattened column by column (src/extract/readers/flat_columns.cc): a results report's
// programs listed in a name column, the amounts and ratings of later columns given to them
// row by row. Invented programs and values, in the layout such reports' text comes out in.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract_text.h"

using gyosei::testing::ExtractText;

namespace {

// "number title | rating | metric value unit fy" per goal, in order.
std::vector<std::string> Rows(const gyosei::Extraction& e) {
  std::vector<std::string> out;
  for (const gyosei::Goal& g : e.goals) {
    std::string row = g.number + " " + g.title + " |";
    if (g.rating) row += " " + g.rating->label;
    row += " |";
    for (const gyosei::Actual& a : g.actuals)
      row += " " + a.metric + " " + std::to_string(static_cast<long long>(a.value)) + a.unit + " " +
             std::to_string(a.fiscal_year);
    out.push_back(row);
  }
  return out;
}

bool Warned(const gyosei::Extraction& e, const std::string& code) {
  for (const gyosei::Warning& w : e.warnings)
    if (w.code == code) return true;
  return false;
}

// The report's head and its name column; the columns after it vary by test.
const std::string kHead =
    "令和5年度 交付金事業 実施結果報告\n"
    "No\n事業の名称\n"
    "1 窓口案内充実事業\n"
    "2 子ども見守り事業\n"
    "3 空き家活用推進事業\n\n";

}  // namespace

TEST_CASE("flat columns: amounts one per row in order, the first row's rating beside its label") {
  // The amount column's first cell sits right under its header, the others after the KPI
  // column; the rating column's labels are printed once, in the first row's cell.
  auto e = ExtractText(kHead +
                       "実績額\n単位:円\n1,200,000\n"
                       "指標\n来訪者数\n"
                       "850,000\n3,400,000\n"
                       "今後の方針\n今後の方針の理由\n利用者の声を踏まえ見直しを行\n事業の継続\n"
                       "う。\n");
  CHECK(Rows(e) == std::vector<std::string>{
                       "1 窓口案内充実事業 | 事業の継続 | 実績額 1200000円 2023",
                       "2 子ども見守り事業 | | 実績額 850000円 2023",
                       "3 空き家活用推進事業 | | 実績額 3400000円 2023",
                   });
}

TEST_CASE("flat columns: one rating per row are the rows' in order") {
  auto e = ExtractText(kHead + "今後の方向性\n拡充\n現状のまま継続\n縮小\n");
  CHECK(Rows(e) == std::vector<std::string>{
                       "1 窓口案内充実事業 | 拡充 |",
                       "2 子ども見守り事業 | 現状のまま継続 |",
                       "3 空き家活用推進事業 | 縮小 |",
                   });
}

TEST_CASE("flat columns: amounts that do not match the rows are not read") {
  auto e = ExtractText(kHead + "実績額\n単位:円\n1,200,000\n850,000\n");
  CHECK(Rows(e) == std::vector<std::string>{
                       "1 窓口案内充実事業 | |",
                       "2 子ども見守り事業 | |",
                       "3 空き家活用推進事業 | |",
                   });
  CHECK(Warned(e, "flat_column_unread"));
}

TEST_CASE("flat columns: a numbered list whose items have text of their own is no name column") {
  // Each program is described under its title: the amounts after the list are not the rows'.
  auto e = ExtractText(
      "令和5年度 交付金事業 実施結果報告\n\n"
      "1 窓口案内充実事業\n　案内係を各階に置き、来庁者の案内を充実させた。\n"
      "2 子ども見守り事業\n　見守り員を増やし、通学路の安全を確保した。\n"
      "3 空き家活用推進事業\n　所有者向けの相談会を開いた。\n\n"
      "実績額\n単位:円\n1,200,000\n850,000\n3,400,000\n");
  REQUIRE(e.goals.size() == 3);
  CHECK(e.goals[0].description == "案内係を各階に置き、来庁者の案内を充実させた。");
  for (const gyosei::Goal& g : e.goals) CHECK(g.actuals.empty());
  CHECK_FALSE(Warned(e, "flat_column_unread"));
}
