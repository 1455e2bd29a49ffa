// Evaluation sheets printed the way other municipalities print them (values invented): label
// cells left of values, R4目標 | R4実績 grids with their header written several ways, a year
// spanning 目標 | 実績, transposed grids after the form naming the indicator, A–D with their
// meaning, 今後の方向性; and tables without rules whose rows and columns ran together.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract_text.h"

using namespace gyosei;
using gyosei::testing::ExtractText;

namespace {

// A goal's indicators, targets and actuals, one line each: "I name unit", "T name year value".
std::vector<std::string> Items(const Goal& g) {
  std::vector<std::string> out;
  auto num = [](double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.ends_with(".")) s.pop_back();
    return s;
  };
  for (const Indicator& i : g.indicators) out.push_back("I " + i.name + " " + i.unit);
  for (const Target& t : g.targets)
    out.push_back("T " + t.metric + " " + std::to_string(t.fiscal_year) + " " + num(*t.value) +
                  t.unit);
  for (const Actual& a : g.actuals)
    out.push_back("A " + a.metric + " " + std::to_string(a.fiscal_year) + " " + num(a.value) +
                  a.unit);
  return out;
}

// A row of an aligned table (a PDF page without rules): each cell's column and its lines.
struct AlignedCell {
  int column;
  std::vector<std::string> lines;
};

// A normalized PDF page whose text-aligned table has the given rows.
Extraction ExtractAligned(const std::vector<std::vector<AlignedCell>>& rows) {
  Table t;
  t.source = TableSource::kAligned;
  t.first_page = t.last_page = 1;
  int line = 2;
  for (size_t r = 0; r < rows.size(); ++r)
    for (const AlignedCell& a : rows[r]) {
      TableCell c;
      c.row = static_cast<int>(r);
      c.column = a.column;
      for (const std::string& text : a.lines)
        c.lines.push_back(Line{text, SourceLoc{1, line++, 0}, {}, {}});
      t.rows = std::max(t.rows, c.row + 1);
      t.columns = std::max(t.columns, c.column + 1);
      t.cells.push_back(std::move(c));
    }
  return testing::Run(testing::SheetDocument("事務事業評価シート", {std::move(t)}));
}

const std::string kSheetHead =
    "# 事務事業評価シート\n\n"
    "| 事務事業名 | 地域見守り支援事業 |\n|---|---|\n| 所管課 | 福祉課 |\n\n";

}  // namespace

TEST_CASE("bug: 指標名見守り訪問件数, the label's line of a run-together cell glued to the name") {
  // Without rules the indicator's name ran into the 指標名 header cell, line under line.
  Extraction e =
      ExtractAligned({{{0, {"事務事業名"}}, {3, {"地域見守り支援事業"}}},
                      {{0, {"指標名", "見守り訪問件数"}},
                       {2, {"単位"}},
                       {4, {"R4目標"}},
                       {6, {"R4実績"}},
                       {8, {"R5目標"}},
                       {10, {"R5実績"}}},
                      {{2, {"件"}}, {4, {"120"}}, {6, {"98"}}, {8, {"130"}}, {10, {"141"}}}});
  REQUIRE(e.goals.size() == 1);
  CHECK(Items(e.goals[0]) ==
        std::vector<std::string>{"I 見守り訪問件数 件", "T 見守り訪問件数 2022 120件",
                                 "T 見守り訪問件数 2023 130件", "A 見守り訪問件数 2022 98件",
                                 "A 見守り訪問件数 2023 141件"});
}

TEST_CASE("bug: a value 24 taken as the unit (a number left of its year's centred header)") {
  // Columns from text positions: numbers start at the cell's left edge, headers are centred,
  // so the first value (24) lies nearer 単位 than R4目標.
  Extraction e = ExtractAligned(
      {{{0, {"事務事業名"}}, {5, {"公園維持管理事業"}}},
       {{1, {"指標名"}},
        {4, {"単位"}},
        {6, {"R4 目標"}},
        {8, {"R4 実績"}},
        {10, {"R5 目標"}},
        {13, {"R5 実績"}}},
       {{0, {"公園清掃回数"}}, {3, {"回"}}, {5, {"24"}}, {7, {"22"}}, {9, {"24"}}, {12, {"25"}}}});
  REQUIRE(e.goals.size() == 1);
  CHECK(Items(e.goals[0]) ==
        std::vector<std::string>{"I 公園清掃回数 回", "T 公園清掃回数 2022 24回",
                                 "T 公園清掃回数 2023 24回", "A 公園清掃回数 2022 22回",
                                 "A 公園清掃回数 2023 25回"});
}

TEST_CASE("bug: R4 目標 not read as a target header (year and role written several ways)") {
  struct Case {
    std::string plan4, actual4, plan5, actual5;
  };
  for (const Case& c : std::vector<Case>{
           {"R4 目標", "R4 実績", "R5 目標", "R5 実績"},
           {"R4年度 目標値", "R4年度 実績値", "R5年度 目標値", "R5年度 実績値"},
           {"令和4年度目標", "令和4年度実績", "令和5年度目標", "令和5年度実績"},
           {"R4目標", "R4実績", "R5目標", "R5実績"},
           {"2022年度 目標", "2022年度 実績", "2023年度 目標", "2023年度 実績"},
           {"令和４年度　目標値", "令和４年度　実績値", "令和５年度　目標値", "令和５年度　実績値"},
           {"R4 計画", "R4 決算", "R5 計画", "R5 決算"}}) {
    INFO(c.plan4);
    Extraction e = ExtractText(kSheetHead + "| 指標名 | 単位 | " + c.plan4 + " | " + c.actual4 +
                               " | " + c.plan5 + " | " + c.actual5 +
                               " |\n|---|---|---|---|---|---|\n"
                               "| 見守り訪問件数 | 件 | 120 | 98 | 130 | 141 |\n");
    REQUIRE(e.goals.size() == 1);
    CHECK(Items(e.goals[0]) ==
          std::vector<std::string>{"I 見守り訪問件数 件", "T 見守り訪問件数 2022 120件",
                                   "T 見守り訪問件数 2023 130件", "A 見守り訪問件数 2022 98件",
                                   "A 見守り訪問件数 2023 141件"});
  }
}

TEST_CASE("bug: department null for 所管課 | 福祉課 (label cell, value right of it)") {
  const std::string grid =
      "\n| 指標名 | 単位 | R4目標 | R4実績 | R5目標 | R5実績 |\n|---|---|---|---|---|---|\n"
      "| 見守り訪問件数 | 件 | 120 | 98 | 130 | 141 |\n";
  SECTION("Markdown: two label | value pairs a row") {
    Extraction e = ExtractText(
        "# 事務事業評価シート\n\n| 事務事業名 | 地域見守り支援事業 | 担当課 | 福祉課 |\n"
        "|---|---|---|---|\n| 評価 | A | 今後の方向性 | 拡充 |\n" +
        grid);
    CHECK(e.department == "福祉課");
    REQUIRE(e.goals.size() == 1);
    REQUIRE(e.goals[0].rating);
    CHECK(e.goals[0].rating->label == "A");
  }
  SECTION("HTML: label cells th, values td") {
    Extraction e = ExtractText(
        "<html><body><h1>事務事業評価シート</h1><table border=\"1\">"
        "<tr><th>事務事業名</th><td colspan=\"3\">地域見守り支援事業</td></tr>"
        "<tr><th>所管課</th><td>福祉課</td><th>評価</th><td>B</td></tr></table>"
        "<table border=\"1\"><tr><th>指標名</th><th>単位</th><th>R4目標</th><th>R4実績</th></tr>"
        "<tr><td>見守り訪問件数</td><td>件</td><td>120</td><td>98</td></tr></table>"
        "</body></html>",
        RuleFiles::Builtin(), "t.html");
    CHECK(e.department == "福祉課");
    REQUIRE(e.goals.size() == 1);
    CHECK(e.goals[0].rating->label == "B");
  }
  SECTION("aligned: the label and its value one space apart in one cell") {
    // A table without rules: 所管課 福祉課 on one line, the next field's line under it.
    Extraction e =
        ExtractAligned({{{0, {"事務事業名"}}, {3, {"地域見守り支援事業"}}},
                        {{0, {"所管課 福祉課", "成果指標の目標と実績は次のとおりです。"}},
                         {4, {"評価"}},
                         {5, {"A"}}},
                        {{0, {"指標名"}}, {2, {"単位"}}, {4, {"R4目標"}}, {6, {"R4実績"}}},
                        {{0, {"見守り訪問件数"}}, {2, {"件"}}, {4, {"120"}}, {6, {"98"}}}});
    CHECK(e.department == "福祉課");
    REQUIRE(e.goals.size() == 1);
    CHECK(Items(e.goals[0]) == std::vector<std::string>{"I 見守り訪問件数 件",
                                                        "T 見守り訪問件数 2022 120件",
                                                        "A 見守り訪問件数 2022 98件"});
  }
}

TEST_CASE("bug: 図書館読書推進事業 / 図書貸出冊数 / 5000, a sheet that gave no goals") {
  Extraction e = ExtractText(
      "# 事務事業評価シート\n\n| 事務事業名 | 図書館読書推進事業 | | |\n|---|---|---|---|\n"
      "| 所管課 | 生涯学習課 | 評価 | B |\n\n成果指標の目標と実績は次のとおりです。\n\n"
      "| 指標名 | 単位 | R4目標 | R4実績 | R5目標 | R5実績 |\n|---|---|---|---|---|---|\n"
      "| 図書貸出冊数 | 冊 | 5000 | 4800 | 5200 | 5300 |\n");
  CHECK(e.department == "生涯学習課");
  REQUIRE(e.goals.size() == 1);
  CHECK(e.goals[0].title == "図書館読書推進事業");
  CHECK(Items(e.goals[0]) ==
        std::vector<std::string>{"I 図書貸出冊数 冊", "T 図書貸出冊数 2022 5000冊",
                                 "T 図書貸出冊数 2023 5200冊", "A 図書貸出冊数 2022 4800冊",
                                 "A 図書貸出冊数 2023 5300冊"});
}

TEST_CASE("sheet variant: a year spanning 目標 | 実績 in the header row below it") {
  Extraction e = ExtractText(
      "<html><body><h1>事務事業評価表</h1><table border=\"1\">"
      "<tr><th>事務事業名</th><td>空き家対策事業</td></tr>"
      "<tr><th>所管課</th><td>都市計画課</td></tr>"
      "<tr><th>評価</th><td>A 順調に推移している</td></tr></table>"
      "<table border=\"1\"><tr><th rowspan=\"2\">指標名</th><th rowspan=\"2\">単位</th>"
      "<th colspan=\"2\">令和4年度</th><th colspan=\"2\">令和5年度</th></tr>"
      "<tr><th>目標</th><th>実績</th><th>目標</th><th>実績</th></tr>"
      "<tr><td>空き家バンク登録件数</td><td>件</td><td>30</td><td>26</td><td>35</td><td>-</td></tr>"
      "</table><table border=\"1\"><tr><th>今後の方向性</th><td>廃止</td></tr></table>"
      "</body></html>",
      RuleFiles::Builtin(), "t.html");
  CHECK(e.department == "都市計画課");
  REQUIRE(e.goals.size() == 1);
  // The rating cell prints the grade with its meaning; the direction after it is no grade.
  REQUIRE(e.goals[0].rating);
  CHECK(e.goals[0].rating->label == "A 順調に推移している");
  CHECK(e.goals[0].rating->scale == "grade_meaning_4");
  // A - cell is no value, never 0.
  CHECK(Items(e.goals[0]) == std::vector<std::string>{"I 空き家バンク登録件数 件",
                                                      "T 空き家バンク登録件数 2022 30件",
                                                      "T 空き家バンク登録件数 2023 35件",
                                                      "A 空き家バンク登録件数 2022 26件"});
}

TEST_CASE("sheet variant: a transposed grid in a table of its own after 指標名 | 単位") {
  Extraction e = ExtractText(
      "<html><body><h1>施策評価シート</h1><table border=\"1\">"
      "<tr><th>施策名</th><td colspan=\"3\">健康づくりの推進</td></tr>"
      "<tr><th>主管課</th><td>健康推進課</td><th>総合評価</th><td>C</td></tr>"
      "<tr><th>指標名</th><td colspan=\"3\">特定健診受診率</td></tr>"
      "<tr><th>単位</th><td colspan=\"3\">%</td></tr></table>"
      "<table border=\"1\"><tr><th>年度</th><th>目標値</th><th>実績値</th><th>達成率</th></tr>"
      "<tr><td>令和3年度</td><td>45.0</td><td>38.2</td><td>84.9</td></tr>"
      "<tr><td>令和4年度</td><td>50.0</td><td>41.5</td><td>83.0</td></tr>"
      "<tr><td>令和5年度</td><td>55.0</td><td></td><td></td></tr></table>"
      "<p>評価区分 A:順調 B:おおむね順調 C:やや遅れている D:遅れている</p>"
      "</body></html>",
      RuleFiles::Builtin(), "t.html");
  CHECK(e.department == "健康推進課");
  REQUIRE(e.goals.size() == 1);
  REQUIRE(e.goals[0].rating);
  CHECK(e.goals[0].rating->label == "C");
  CHECK(Items(e.goals[0]) ==
        std::vector<std::string>{"I 特定健診受診率 %", "T 特定健診受診率 2021 45%",
                                 "T 特定健診受診率 2022 50%", "T 特定健診受診率 2023 55%",
                                 "A 特定健診受診率 2021 38.2%", "A 特定健診受診率 2022 41.5%"});
  REQUIRE(e.goals[0].indicators.size() == 1);
  REQUIRE(e.goals[0].indicators[0].achievement);
  CHECK(e.goals[0].indicators[0].achievement->value == 83);
}

TEST_CASE("sheet variant: 今後の方向性 alone rates the program on the direction scale") {
  for (auto [direction, level] : std::vector<std::pair<std::string, int>>{
           {"拡充", 1}, {"現状のまま継続", 2}, {"改善", 3}, {"縮小", 4}, {"廃止", 5}}) {
    INFO(direction);
    Extraction e = ExtractText(kSheetHead +
                               "| 指標名 | 単位 | R4目標 | R4実績 | R5目標 | R5実績 |\n"
                               "|---|---|---|---|---|---|\n"
                               "| 見守り訪問件数 | 件 | 120 | 98 | 130 | 141 |\n\n"
                               "| 今後の方向性 | " +
                               direction + " |\n|---|---|\n");
    REQUIRE(e.goals.size() == 1);
    REQUIRE(e.goals[0].rating);
    CHECK(e.goals[0].rating->scale == "direction_5");
    CHECK(e.goals[0].rating->level == level);
  }
}

TEST_CASE("bug: a text booklet's second sheet (図書館読書推進事業) gave no goal of its own") {
  // Sheets printed one after another in one HTML file, no pages between them: the second
  // program's indicators were the first program's.
  auto sheet = [](std::string program, std::string indicator, std::string unit,
                  std::string values) {
    return "<h2>事務事業評価シート</h2><table border=\"1\"><tr><th>事務事業名</th><td>" + program +
           "</td></tr></table><table border=\"1\"><tr><th>指標名</th><th>単位</th>"
           "<th>R4目標</th><th>R4実績</th></tr><tr><td>" +
           indicator + "</td><td>" + unit + "</td>" + values + "</tr></table>";
  };
  Extraction e = ExtractText(
      "<html><body>" +
          sheet("地域見守り支援事業", "見守り訪問件数", "件", "<td>120</td><td>98</td>") +
          sheet("図書館読書推進事業", "図書貸出冊数", "冊", "<td>5000</td><td>4800</td>") +
          "</body></html>",
      RuleFiles::Builtin(), "t.html");
  REQUIRE(e.goals.size() == 2);
  CHECK(e.goals[0].title == "地域見守り支援事業");
  CHECK(Items(e.goals[0]) == std::vector<std::string>{"I 見守り訪問件数 件",
                                                      "T 見守り訪問件数 2022 120件",
                                                      "A 見守り訪問件数 2022 98件"});
  CHECK(e.goals[1].title == "図書館読書推進事業");
  CHECK(e.goals[1].parent_id.empty());
  CHECK(Items(e.goals[1]) == std::vector<std::string>{"I 図書貸出冊数 冊",
                                                      "T 図書貸出冊数 2022 5000冊",
                                                      "A 図書貸出冊数 2022 4800冊"});
}

TEST_CASE("sheet variant: a form's 指標 names the grid below it, not a cost grid above it") {
  // A sub-program's cost (its header names it), its workload under 事業量 | 単位, then an
  // analysis whose column header is 指標 (市民ニーズ is a criterion, no indicator).
  Extraction e = ExtractText(
      "<html><body><h1>令和6年度 事業評価書</h1><table border=\"1\">"
      "<tr><th>事業名</th><td colspan=\"4\">情報発信事業</td></tr>"
      "<tr><th>細事業費(千円)</th><th>年度</th><th>5年度</th><th>6年度</th><td></td></tr>"
      "<tr><td></td><td>決算</td><td>1,200</td><td>1,350</td><td></td></tr>"
      "<tr><th>事業量</th><td colspan=\"2\">記事掲載数</td><th>単位</th><td>本</td></tr>"
      "<tr><th>年度</th><th>4年度</th><th>5年度</th><th>6年度</th><td></td></tr>"
      "<tr><td>想定</td><td>20</td><td>24</td><td>24</td><td></td></tr>"
      "<tr><td>実績</td><td>18</td><td>30</td><td></td><td></td></tr>"
      "<tr><th>指標</th><td>市民ニーズ</td><td>実施根拠</td><td>妥当性</td><td></td></tr>"
      "<tr><th>単位</th><td>件</td><td></td><td></td><td></td></tr>"
      "</table></body></html>",
      RuleFiles::Builtin(), "t.html");
  REQUIRE(e.goals.size() == 1);
  CHECK(Items(e.goals[0]) ==
        std::vector<std::string>{"I 細事業費 千円", "I 記事掲載数 本", "T 記事掲載数 2022 20本",
                                 "T 記事掲載数 2023 24本", "T 記事掲載数 2024 24本",
                                 "A 細事業費 2023 1200千円", "A 細事業費 2024 1350千円",
                                 "A 記事掲載数 2022 18本", "A 記事掲載数 2023 30本"});
}

TEST_CASE("sheet variant: the unit printed in the form's indicator name (団員充足率(%))") {
  Extraction e = ExtractText(
      "# 事務事業評価シート\n\n| 事務事業名 | 消防団活動支援事業 |\n|---|---|\n"
      "| 担当部署 | 消防本部警防課 |\n| 指標名 | 団員充足率(%) |\n\n"
      "| 年度 | 目標 | 実績 |\n|---|---|---|\n| 令和4年度 | 95 | 92 |\n| 令和5年度 | 95 | |\n");
  CHECK(e.department == "消防本部警防課");
  REQUIRE(e.goals.size() == 1);
  CHECK(Items(e.goals[0]) == std::vector<std::string>{"I 団員充足率 %", "T 団員充足率 2022 95%",
                                                      "T 団員充足率 2023 95%",
                                                      "A 団員充足率 2022 92%"});
}

TEST_CASE("sheet variant: rating cells as other municipalities print them") {
  struct Case {
    std::string label, value, rating, scale;  // rating "" = none
  };
  for (const Case& c : std::vector<Case>{
           {"総合評価", "B", "B", "letter_5"},
           {"評価", "A 順調に推移している", "A 順調に推移している", "grade_meaning_4"},
           {"評価", "B(おおむね順調)", "B(おおむね順調)", "grade_meaning_4"},
           {"評価", "C:やや遅れている", "C:やや遅れている", "grade_meaning_4"},
           // The scale's legend in the rating cell is no rating.
           {"評価", "A:順調 B:概ね順調 C:遅れ D:大幅遅れ", "", ""},
           {"評価", "A 順調 B 概ね順調 C 遅れ", "", ""},
           // A choice in one cell: the one selected option; none selected is no rating.
           {"今後の方向性", "□拡充 ■現状維持 □縮小 □廃止", "現状維持", "direction_5"},
           {"今後の方向性", "□ 拡充 □ 改善 ■ 縮小 □ 廃止", "縮小", "direction_5"},
           {"今後の方向性", "□拡充 □現状維持 □縮小", "", ""},
           {"今後の方向", "拡充", "拡充", "direction_5"},
           {"事業の方向性", "廃止", "廃止", "direction_5"}}) {
    INFO(c.label << " | " << c.value);
    Extraction e = ExtractText(kSheetHead + "| " + c.label + " | " + c.value +
                               " |\n|---|---|\n\n| 指標名 | 単位 | R4目標 | R4実績 |\n"
                               "|---|---|---|---|\n| 見守り訪問件数 | 件 | 120 | 98 |\n");
    REQUIRE(e.goals.size() == 1);
    if (c.rating.empty()) {
      CHECK_FALSE(e.goals[0].rating);
    } else {
      REQUIRE(e.goals[0].rating);
      CHECK(e.goals[0].rating->label == c.rating);
      CHECK(e.goals[0].rating->scale == c.scale);
    }
  }
}

TEST_CASE("sheet variant: department labels of smaller towns (課名, 部課名, 所管, 担当部課)") {
  for (std::string label : {"課名", "部課名", "所管", "担当部課", "所管課名"}) {
    INFO(label);
    Extraction e = ExtractText(
        "# 事務事業評価シート\n\n| 事務事業の名称 | 地域見守り支援事業 |\n"
        "|---|---|\n| " +
        label +
        " | 福祉課 |\n\n| 指標名 | 単位 | R4目標 | R4実績 |\n"
        "|---|---|---|---|\n| 見守り訪問件数 | 件 | 120 | 98 |\n");
    CHECK(e.department == "福祉課");
    REQUIRE(e.goals.size() == 1);
    CHECK(e.goals[0].title == "地域見守り支援事業");
  }
}

TEST_CASE("sheet variant: years down, each indicator spanning its 目標 | 実績 columns") {
  Extraction e = ExtractText(
      "<html><body><h1>事務事業評価シート</h1><table border=\"1\"><tr><th>事務事業名</th>"
      "<td>健康ポイント事業</td></tr><tr><th>所管課</th><td>健康増進課</td></tr></table>"
      "<table border=\"1\"><tr><th rowspan=\"2\">年度</th><th colspan=\"2\">参加者数(人)</th>"
      "<th colspan=\"2\">達成者数(人)</th></tr>"
      "<tr><th>目標</th><th>実績</th><th>目標</th><th>実績</th></tr>"
      "<tr><td>R4</td><td>1,000</td><td>950</td><td>300</td><td>280</td></tr>"
      "<tr><td>R5</td><td>1,200</td><td>1,310</td><td>350</td><td>-</td></tr>"
      "</table></body></html>",
      RuleFiles::Builtin(), "t.html");
  REQUIRE(e.goals.size() == 1);
  // The name spans both role rows once turned: the 実績 row is named too.
  CHECK(Items(e.goals[0]) ==
        std::vector<std::string>{"I 参加者数 人", "I 達成者数 人", "T 参加者数 2022 1000人",
                                 "T 参加者数 2023 1200人", "T 達成者数 2022 300人",
                                 "T 達成者数 2023 350人", "A 参加者数 2022 950人",
                                 "A 参加者数 2023 1310人", "A 達成者数 2022 280人"});
}
