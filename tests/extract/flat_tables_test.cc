// KPI tables flattened to text (src/extract/readers/flat_tables.cc): small tables of invented
// values in the layouts municipal pages and PDF text exports print them, and what is read.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "extract_text.h"

using gyosei::testing::ExtractText;

namespace {

std::string Num(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (s.ends_with(".")) s.pop_back();
  return s;
}

// "T metric fy value unit [base b]" / "A metric fy value unit", every goal in order.
std::vector<std::string> Items(const gyosei::Extraction& e) {
  std::vector<std::string> out;
  for (const gyosei::Goal& g : e.goals) {
    for (const gyosei::Target& t : g.targets)
      out.push_back("T " + t.metric + " " + std::to_string(t.fiscal_year) + " " +
                    (t.value ? Num(*t.value) : "-") + t.unit +
                    (t.baseline ? " base " + Num(t.baseline->value) : ""));
    for (const gyosei::Actual& a : g.actuals)
      out.push_back("A " + a.metric + " " + std::to_string(a.fiscal_year) + " " + Num(a.value) +
                    a.unit);
  }
  return out;
}

bool Warned(const gyosei::Extraction& e) {
  for (const gyosei::Warning& w : e.warnings)
    if (w.code == "flat_table_unread") return true;
  return false;
}

}  // namespace

TEST_CASE("flat table: one cell per line, names listed under 指標名, rows by role") {
  auto e = ExtractText(
      "1. 交流人口の拡大\n成果指標\n基準値\n指標名\n宿泊者数\n320 "
      "千人\n(26年)\n体験参加者数\n1,200 人\n"
      "H28\nH29\n目標値\n330\n340\n実績値\n335\n338\n達成率\n101.5%\n99.4%\n"
      "目標値\n1,300\n1,400\n実績値\n1,250\n1,420\n達成率\n96.2%\n101.4%\n");
  CHECK(Items(e) == std::vector<std::string>{
                        "T 宿泊者数 2016 330千人 base 320", "T 宿泊者数 2017 340千人 base 320",
                        "T 体験参加者数 2016 1300人 base 1200",
                        "T 体験参加者数 2017 1400人 base 1200", "A 宿泊者数 2016 335千人",
                        "A 宿泊者数 2017 338千人", "A 体験参加者数 2016 1250人",
                        "A 体験参加者数 2017 1420人"});
  REQUIRE(e.goals.size() == 1);
  REQUIRE(e.goals[0].indicators.size() == 2);
  CHECK(e.goals[0].indicators[0].achievement->value == Approx(99.4));
  CHECK_FALSE(Warned(e));
}

TEST_CASE("flat table: a 達成率 that does not match its values drops the indicator") {
  auto e = ExtractText(
      "1. "
      "交流人口の拡大\n成果指標\nH28\nH29\n目標値\n330\n340\n実績値\n335\n338\n達成率\n120.0%\n99."
      "4%\n");
  CHECK(Items(e).empty());
  CHECK(Warned(e));
}

TEST_CASE("flat table: a row on a line, a short 実績値 row placed by its 達成率") {
  auto e = ExtractText(
      "1. 雇用の創出\n[数値目標] 新規雇用者数:3,000人\n"
      "項目 基準値 H28 H29 目標値 H30 新規雇用者数 計画値 [H27] 1,000 2,000 3,000 "
      "実績値 1,100 2,300 (速報値) 達成率 110.0% 115.0%\n");
  CHECK(Items(e) ==
        std::vector<std::string>{"T 新規雇用者数 2016 1000人", "T 新規雇用者数 2017 2000人",
                                 "T 新規雇用者数 2018 3000人", "A 新規雇用者数 2016 1100人",
                                 "A 新規雇用者数 2017 2300人"});
}

TEST_CASE("flat table: a short 実績値 row without a 達成率 to confirm it is not read") {
  auto e = ExtractText(
      "1. 雇用の創出\n項目 基準値 H28 H29 目標値 H30 新規雇用者数 計画値 [H27] 1,000 2,000 "
      "3,000 実績値 1,100 2,300\n");
  CHECK(Items(e) == std::vector<std::string>{"T 新規雇用者数 2016 1000", "T 新規雇用者数 2017 2000",
                                             "T 新規雇用者数 2018 3000"});
  CHECK(Warned(e));
}

TEST_CASE("flat table: |-ended cells, records of label and year columns, なし is no value") {
  auto e = ExtractText(
      "1. 読書のまちづくり\n施策コード |\n成果指標 |\n区分 |\n平成20年 |\n平成21年実績 |\n"
      "平成22年実績 |\n5ヵ年目標 |\n21101 |\n図書貸出冊数 |\n当初 |\n4.1冊 |\n4.3冊 |\n"
      "4.6冊 |\n5冊 |\n21102 |\n読み聞かせ会の開催 |\n当初 |\nなし |\n12回 |\nなし |\n24回 |\n"
      "2 健康づくり\n");
  CHECK(Items(e) == std::vector<std::string>{"T 図書貸出冊数 0 5冊", "T 読み聞かせ会の開催 0 24回",
                                             "A 図書貸出冊数 2009 4.3冊",
                                             "A 図書貸出冊数 2010 4.6冊",
                                             "A 読み聞かせ会の開催 2009 12回"});
}

TEST_CASE("flat table: (基準値) (現状値) (目標値) after the years, one value per column") {
  auto e = ExtractText(
      "1. 子育て支援\n数値目標① 保育所待機児童数 平成 26 (基準値) 平成 28 平成 29 (現状値) "
      "平成 31 (目標値) 45 人 30 人 12 人 0 人 次の項目\n");
  CHECK(Items(e) == std::vector<std::string>{"T 保育所待機児童数 2019 0人 base 45",
                                             "A 保育所待機児童数 2016 30人",
                                             "A 保育所待機児童数 2017 12人"});
}

TEST_CASE("flat table: a row with more or fewer values than columns is not read") {
  auto e = ExtractText(
      "1. 子育て支援\n保育所待機児童数 平成 26 (基準値) 平成 28 平成 31 (目標値) 45 人 30 人\n");
  CHECK(Items(e).empty());
  CHECK(Warned(e));
}

TEST_CASE(
    "rules/sheets/flat.rules: an unknown [flat] section or a year without groups is an error") {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "gyosei_flat_rules_test";
  std::filesystem::create_directories(dir / "sheets");
  std::ofstream(dir / "sheets" / "flat.rules")
      << "[flat years]\npattern = x\n\n[flat year]\npattern = ^H[0-9]+$\n";
  gyosei::RuleFiles rules = gyosei::RuleFiles::Builtin();
  REQUIRE(rules.AddDirectory(dir.string()).ok());
  auto extractor = gyosei::Extractor::Create(rules);
  REQUIRE_FALSE(extractor.ok());
  std::string message = extractor.status().message();
  CHECK_THAT(message, Catch::Contains("sheets/flat.rules:1: unknown section [flat years]"));
  CHECK_THAT(message, Catch::Contains("sheets/flat.rules:5: the pattern needs a group (?P<year>"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("flat table: a header of roles without years, each record named before its cells") {
  auto e = ExtractText(
      "1. 移住の促進\n\n指標値\n単位\n目標月\n実績値\n指標 移住相談の\n① 件数\n40\n件\nR6.3\n"
      "52\n指標 空き家バンク\n② 登録数\n15\n件\nR6.3\n-\n次の事業\n");
  CHECK(Items(e) == std::vector<std::string>{"T 移住相談の件数 2023 40件",
                                             "A 移住相談の件数 2023 52件",
                                             "T 空き家バンク登録数 2023 15件"});
}

TEST_CASE("flat table: a header ending its line, rows run together below it, 予算 not read") {
  auto e = ExtractText(
      "1. 窓口サービスの向上\n\n区分 R4予算 R4決算 R5予算 R5決算事業費\n"
      "人件費 職員人件費 千円9,100 8,800\n"
      "広報費2,000 1,950 2,100 2,080運営費1,200 1,180 1,300 1,260\n"
      "一般財源1(=合計-特定財源) 3,200 3,130 3,400 3,340\n");
  CHECK(Items(e) == std::vector<std::string>{"A 広報費 2022 1950千円", "A 広報費 2023 2080千円",
                                             "A 運営費 2022 1180千円", "A 運営費 2023 1260千円"});
}

TEST_CASE("flat table: cells run together, split only where every 達成率 confirms it") {
  auto e = ExtractText(
      "1. 安全なまちづくり\n\n指標単位現状値年度目標令和7年3年度達成率(%)4年度達成率(%)備考"
      "防犯灯のLED化率%41.50%令和2年度アップ90.0045.0050.052.2058.0\n");
  CHECK(Items(e) == std::vector<std::string>{"T 防犯灯のLED化率 2025 90% base 41.5",
                                             "A 防犯灯のLED化率 2021 45%",
                                             "A 防犯灯のLED化率 2022 52.2%"});
}

TEST_CASE("flat table: run-together numbers that split more than one way are not read") {
  // 100 / 1 / 1.0 and 10 / 0.1 ... : the 達成率 cannot tell, so nothing is read.
  auto e = ExtractText(
      "1. 安全なまちづくり\n\n指標現状値年度目標令和7年3年度達成率(%)備考"
      "相談件数5件令和2年度アップ100101.0\n");
  CHECK(Items(e).empty());
}

TEST_CASE(
    "bug: R5実績見守り訪問件数, the last header cell run into a record's name, shifted values") {
  // The reflow joined the header's line and the record's: the record's unit is run into its
  // first value too (件120), so its cells do not add up. No value rather than values under the
  // wrong columns (120 was R4目標's, not R4実績's), also when each year and its role are one
  // space apart (R4 目標).
  for (std::string header : {"R4目標 R4実績 R5目標 R5実績", "R4 目標 R4 実績 R5 目標 R5 実績"}) {
    INFO(header);
    auto e = ExtractText("1 地域見守り支援事業\n成果指標\n指標名 単位 " + header +
                         "\n見守り訪問件数 件 120 98 130 141\n");
    CHECK(Items(e).empty());
  }
}

TEST_CASE("bug: cost-table rows with blank cells written as one more space were not read") {
  // 職員数 comes before any unit is printed: which of its columns a blank stands for is not
  // checked by a unit column, so it is left unread.
  auto e = ExtractText(
      "1. 窓口サービスの向上\n\n  区分 R4予算 R4決算 R5予算 R5決算 R6予算\n"
      "職員数   3.5   3.2  \n"
      "人件費 職員人件費 千円   9,100   8,800  \n"
      "委託費   1,500   1,400  \n"
      "広報費 2,000 1,950 2,100 2,080 2,200\n");
  CHECK(Items(e) == std::vector<std::string>{"A 職員人件費 2022 9100千円",
                                             "A 職員人件費 2023 8800千円", "A 委託費 2022 1500千円",
                                             "A 委託費 2023 1400千円", "A 広報費 2022 1950千円",
                                             "A 広報費 2023 2080千円"});
}

TEST_CASE("flat table: rows padded to their columns with even runs of spaces are not read") {
  // Two spaces between cells are alignment, not a blank cell: the columns cannot be told.
  auto e = ExtractText(
      "1. 窓口サービスの向上\n\n区分 R4予算 R4決算 R5予算 R5決算 R6予算\n"
      "人件費 職員人件費 千円  9,100  8,800\n"
      "委託費  1,500  1,400\n");
  CHECK(Items(e).empty());
}
