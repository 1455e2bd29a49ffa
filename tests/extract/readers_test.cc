// The readers behind the layout seam on hand-built tables shaped like published evaluation
// sheets and KPI tables (values invented): forms, indicator grids across and down, check-mark
// ratings, the grid rebuilt from table-cell blocks, and errors in rules/sheets with file:line.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "extract/extract.h"
#include "extract/readers/sheet_rules.h"
#include "extract/readers/table_choice.h"
#include "extract/readers/tables_from_blocks.h"
#include "extract_text.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"

using namespace gyosei;
using gyosei::testing::Run;
using gyosei::testing::SheetDocument;

namespace {

struct CellSpec {
  int row, column;
  std::string text;
  int row_span = 1, column_span = 1;
};

Table MakeTable(std::vector<CellSpec> specs, TableSource source = TableSource::kRuled) {
  Table t;
  t.source = source;
  t.first_page = t.last_page = 1;
  for (const CellSpec& s : specs) {
    TableCell c;
    c.row = s.row;
    c.column = s.column;
    c.row_span = s.row_span;
    c.column_span = s.column_span;
    c.lines.push_back(Line{s.text, SourceLoc{1, 100 + s.row, 0}, {}, {}});
    t.rows = std::max(t.rows, s.row + s.row_span);
    t.columns = std::max(t.columns, s.column + s.column_span);
    t.cells.push_back(std::move(c));
  }
  return t;
}

std::vector<std::string> Describe(const Goal& g) {
  std::vector<std::string> out;
  auto num = [](double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.ends_with(".")) s.pop_back();
    return s;
  };
  for (const Target& t : g.targets)
    out.push_back("T " + t.metric + " " + std::to_string(t.fiscal_year) + " " + num(*t.value) +
                  t.unit + (t.baseline ? " base " + num(t.baseline->value) : ""));
  for (const Actual& a : g.actuals)
    out.push_back("A " + a.metric + " " + std::to_string(a.fiscal_year) + " " + num(a.value) +
                  a.unit);
  return out;
}

}  // namespace

TEST_CASE("sheet form: program, sub-program, department, years across with 想定/実績 rows") {
  Table head = MakeTable({{0, 0, "令和5年度事業名"},
                          {0, 1, "市民活動支援事業", 1, 3},
                          {1, 0, "所管区局・課"},
                          {1, 1, "市民局地域支援課 歳出予算科目"}});
  Table sub = MakeTable({{0, 0, "1 細事業名称"},
                         {0, 1, "地域人材育成", 1, 5},
                         {1, 0, "細事業事業量"},
                         {1, 1, "講座受講者数", 1, 3},
                         {1, 4, "単位"},
                         {1, 5, "人"},
                         {2, 0, "年度"},
                         {2, 1, "3年度"},
                         {2, 2, "4年度"},
                         {2, 3, "5年度"},
                         {2, 4, "6年度"},
                         {2, 5, "7年度"},
                         {3, 0, "想定"},
                         {3, 1, ""},
                         {3, 2, "120"},
                         {3, 3, "150"},
                         {3, 4, "150"},
                         {3, 5, "-"},
                         {4, 0, "実績"},
                         {4, 2, "98"},
                         {4, 3, "1,204"},
                         {5, 0, "事業実績"},
                         {6, 0, "・目標を概ね達成"}});
  Extraction e = Run(SheetDocument("令和6年度 事業評価書", {head, sub}));
  CHECK(e.document_type == "evaluation_sheet");
  CHECK(e.fiscal_year == 2023);  // the year the 事業名 label names: the year evaluated
  CHECK(e.department == "市民局地域支援課");
  REQUIRE(e.goals.size() == 2);
  CHECK(e.goals[0].title == "市民活動支援事業");
  CHECK(e.goals[1].title == "地域人材育成");
  CHECK(e.goals[1].parent_id == e.goals[0].id);
  REQUIRE(e.goals[1].rating);
  CHECK(e.goals[1].rating->label == "目標を概ね達成");
  REQUIRE(e.goals[1].indicators.size() == 1);
  const Indicator& i = e.goals[1].indicators[0];
  CHECK(i.name == "講座受講者数");
  CHECK(i.unit == "人");
  // Era-less years read in the document's era (令和); blank and - cells are no value.
  CHECK(Describe(e.goals[1]) ==
        std::vector<std::string>{"T 講座受講者数 2022 120人", "T 講座受講者数 2023 150人",
                                 "T 講座受講者数 2024 150人", "A 講座受講者数 2022 98人",
                                 "A 講座受講者数 2023 1204人"});
  for (const Target& t : e.goals[1].targets) CHECK(t.indicator == i.id);
}

TEST_CASE(
    "KPI row per indicator: R4目標 | R4実績 headers, ▲ negative, 43/100, 千円 kept, baseline") {
  Table kpi = MakeTable({{0, 0, "事業名"},
                         {0, 1, "行政改革推進事業", 1, 6},
                         {1, 0, "指標名"},
                         {1, 1, "単位"},
                         {1, 2, "基準値"},
                         {1, 3, "R4目標"},
                         {1, 4, "R4実績"},
                         {1, 5, "R5目標"},
                         {1, 6, "R5実績"},
                         {2, 0, "オンライン手続数"},
                         {2, 1, "手続"},
                         {2, 2, "12"},
                         {2, 3, "43/100"},
                         {2, 4, "40/100"},
                         {2, 5, "60/100"},
                         {2, 6, ""},
                         {3, 0, "経常経費削減額(千円)"},
                         {3, 2, ""},
                         {3, 3, "▲5,000"},
                         {3, 4, "△4,120"},
                         {3, 5, "-"},
                         {3, 6, "-"}});
  Extraction e = Run(SheetDocument("令和5年度 事務事業評価シート", {kpi}));
  REQUIRE(e.goals.size() == 1);
  CHECK(e.goals[0].indicators.size() == 2);
  // 基準値 stands in a column of its own: the targets' baseline, no value of any year.
  CHECK(Describe(e.goals[0]) == std::vector<std::string>{"T オンライン手続数 2022 43手続 base 12",
                                                         "T オンライン手続数 2023 60手続 base 12",
                                                         "T 経常経費削減額 2022 -5000千円",
                                                         "A オンライン手続数 2022 40手続",
                                                         "A 経常経費削減額 2022 -4120千円"});
}

TEST_CASE("transposed grid: years down the first column, roles across") {
  Table t = MakeTable({{0, 0, "施策名"},
                       {0, 1, "子育て支援の充実", 1, 3},
                       {1, 0, "指標名"},
                       {1, 1, "保育所待機児童数", 1, 3},
                       {2, 0, "単位"},
                       {2, 1, "人"},
                       {3, 0, "年度"},
                       {3, 1, "目標値"},
                       {3, 2, "実績値"},
                       {3, 3, "達成率"},
                       {4, 0, "2023年度"},
                       {4, 1, "0"},
                       {4, 2, "14"},
                       {5, 0, "2024年度"},
                       {5, 1, "0"},
                       {5, 2, "3"}});
  Extraction e = Run(SheetDocument("施策評価シート", {t}));
  REQUIRE(e.goals.size() == 1);
  CHECK(e.goals[0].title == "子育て支援の充実");
  CHECK(Describe(e.goals[0]) ==
        std::vector<std::string>{"T 保育所待機児童数 2023 0人", "T 保育所待機児童数 2024 0人",
                                 "A 保育所待機児童数 2023 14人", "A 保育所待機児童数 2024 3人"});
}

TEST_CASE("ratings: a check-mark choice, 今後の方向性, a legend of marks without a selection") {
  struct Row {
    std::vector<CellSpec> rating_cells;
    std::string want;  // "" = no rating
  };
  std::vector<Row> rows = {
      {{{1, 0, "達成見込み"},
        {1, 2, "おおむね達成"},
        {2, 1, "○ 達成"},
        {2, 2, "●"},
        {2, 3, "○ 達成までは困難"}},
       "おおむね達成"},
      {{{1, 0, "達成見込み"}, {1, 1, "● 達成"}, {1, 2, "○ おおむね達成"}}, "達成"},
      {{{1, 0, "今後の方向性"}, {1, 1, "現状のまま継続"}}, "現状のまま継続"},
      {{{1, 0, "総合評価"}, {1, 1, "A.順調に推移している"}}, "A.順調に推移している"},
      {{{1, 0, "達成見込み"}, {1, 1, "○ 達成"}, {1, 2, "○ おおむね達成"}}, ""},
      {{{1, 0, "総合評価"}, {1, 1, "担当課として取組を進めた。"}}, ""},
  };
  for (const Row& r : rows) {
    // With a year grid, as such sheets have: the sheet reader reads them (not the prose one).
    std::vector<CellSpec> cells = {{0, 0, "事務事業名"},
                                   {0, 1, "公園維持管理業務", 1, 3},
                                   {5, 0, "年度"},
                                   {5, 1, "R4"},
                                   {5, 2, "R5"}};
    cells.insert(cells.end(), r.rating_cells.begin(), r.rating_cells.end());
    Extraction e = Run(SheetDocument("事務事業評価シート", {MakeTable(cells)}));
    REQUIRE(e.goals.size() == 1);
    INFO(r.want);
    if (r.want.empty()) {
      CHECK_FALSE(e.goals[0].rating);
    } else {
      REQUIRE(e.goals[0].rating);
      CHECK(e.goals[0].rating->label == r.want);
    }
  }
}

TEST_CASE("a plan item the program serves: one goal per numbered part") {
  Table t = MakeTable({{0, 0, "事務事業名"},
                       {0, 1, "窓口業務", 1, 2},
                       {1, 0, "行財政改革の項目"},
                       {1, 1, "1.業務の効率化 ①窓口の集約", 1, 2}});
  Extraction e = Run(SheetDocument("事務事業評価シート", {t}));
  REQUIRE(e.goals.size() == 3);
  CHECK(e.goals[1].title == "業務の効率化");
  CHECK(e.goals[2].title == "窓口の集約");
  CHECK(e.goals[2].parent_id == e.goals[1].id);
}

TEST_CASE("cost table: 20年度決算 headers, breakdown rows ignored, unit from (単位:千円)") {
  Table t = MakeTable({{0, 0, "事務事業名"},
                       {0, 1, "図書館運営業務", 1, 3},
                       {1, 3, "(単位:千円)"},
                       {2, 1, "20年度決算"},
                       {2, 2, "21年度決算"},
                       {2, 3, "22年度予算"},
                       {3, 0, "人件費"},
                       {3, 1, "1,000"},
                       {3, 2, "1,100"},
                       {3, 3, "1,200"},
                       {4, 0, "合計(A)"},
                       {4, 1, "5,000"},
                       {4, 2, "5,500"},
                       {4, 3, "5,600"}});
  // An 平成 sheet: era-less 20年度 is 平成20年度.
  // The staff table after it totals people, not the program's cost: its 合計 is not read.
  Table staff = MakeTable({{0, 1, "20年度決算"},
                           {0, 2, "21年度決算"},
                           {1, 0, "事務職"},
                           {1, 1, "3.0人"},
                           {1, 2, "3.0人"},
                           {2, 0, "合計(D)"},
                           {2, 1, "5.0人"},
                           {2, 2, "4.0人"}});
  Extraction e = Run(SheetDocument("平成22年度 事務事業評価シート", {t, staff}));
  REQUIRE(e.goals.size() == 1);
  CHECK(Describe(e.goals[0]) ==
        std::vector<std::string>{"A 合計(A) 2008 5000千円", "A 合計(A) 2009 5500千円"});
}

TEST_CASE("ruled indicator grid: an indicator's name on a row of its own, its values below") {
  Table t = MakeTable({{0, 0, "事務事業名"},
                       {0, 1, "道路維持管理事業", 1, 4},
                       {1, 1, "21年度実績"},
                       {1, 2, "22年度実績"},
                       {1, 3, "23年度見込み"},
                       // a label cell naming the grid's part, the indicator's name spanning right
                       {2, 0, "事業実績(C)"},
                       {2, 1, "補修延長(21〜22年度は決算)", 1, 3},
                       {3, 1, "1,250"},
                       {3, 2, "1,310"},
                       {3, 3, "1,400"},
                       // a name spanning the row; the values under the years in the next
                       {4, 0, "単位あたりコスト(A/C)", 1, 4},
                       {5, 1, "12.5"},
                       {5, 2, "11.8"},
                       {5, 3, ""},
                       // a name and its values in one row
                       {6, 0, "市民一人あたり経費(単位:円)"},
                       {6, 1, "820"},
                       {6, 2, "790"},
                       {6, 3, "-"}});
  Extraction e = Run(SheetDocument("平成23年度 事務事業評価シート", {t}));
  REQUIRE(e.goals.size() == 1);
  CHECK(Describe(e.goals[0]) ==
        std::vector<std::string>{
            "T 補修延長(21〜22年度は決算) 2011 1400", "A 補修延長(21〜22年度は決算) 2009 1250",
            "A 補修延長(21〜22年度は決算) 2010 1310", "A 単位あたりコスト(A/C) 2009 12.5",
            "A 単位あたりコスト(A/C) 2010 11.8", "A 市民一人あたり経費 2009 820円",
            "A 市民一人あたり経費 2010 790円"});
}

TEST_CASE(
    "ruled cost sheet: part labels with the indicator or its unit right of them, a unit "
    "over the label column, 見込 no target of a derived row, the year of the 予算 column") {
  Table head = MakeTable({{0, 0, "事務事業名"},
                          {0, 1, "下水道施設維持管理業務", 1, 3},
                          {1, 0, "所属名"},
                          {1, 1, "建設局下水道部管理課", 1, 3}});
  // two sections listed line by line: the first is the department
  head.cells.back().lines.push_back(Line{"環境局施設課", SourceLoc{1, 102, 0}, {}, {}});
  Table cost = MakeTable({{0, 3, "(単位:千円)"},
                          {1, 1, "21年度決算"},
                          {1, 2, "22年度決算"},
                          {1, 3, "23年度予算"},
                          {2, 0, "人件費"},
                          {2, 1, "900"},
                          {2, 2, "950"},
                          {2, 3, "990"},
                          {3, 0, "合計(A)"},
                          {3, 1, "1,000"},
                          {3, 2, "1,050"},
                          {3, 3, "1,100"}});
  Table grid = MakeTable({{0, 1, "項 目(単位:千件)【数値目標】", 1, 3},
                          {1, 1, "21年度実績"},
                          {1, 2, "22年度実績"},
                          {1, 3, "23年度見込み"},
                          {2, 0, "事業実績(C)"},
                          {2, 1, "処理件数", 1, 3},
                          {3, 1, "120"},
                          {3, 2, "130"},
                          {3, 3, "140"},
                          {4, 0, "単位あたりコスト(A/C)", 4, 1},
                          {4, 1, "千円/件", 1, 3},
                          {5, 1, "8.3"},
                          {5, 2, "8.1"},
                          {5, 3, "7.9"},
                          {6, 1, "延長あたり(千円/km)", 1, 3},
                          {7, 1, "52"},
                          {7, 2, "50"},
                          {7, 3, "49"},
                          {8, 0, "市民一人あたりの一般財源充当額(B/人口)(単位:円)"},
                          {8, 1, "310"},
                          {8, 2, "320"},
                          {8, 3, "330"}});
  Document d = SheetDocument("事務事業評価シート", {head, cost, grid});
  Block dated;
  dated.lines.push_back(Line{"事業開始 平成15年度", SourceLoc{1, 2, 0}, {}, {}});
  d.pages[0].blocks.push_back(dated);
  Extraction e = Run(d);
  CHECK(e.department == "建設局下水道部管理課");
  CHECK(e.fiscal_year == 2011);
  REQUIRE(e.goals.size() == 1);
  CHECK(Describe(e.goals[0]) ==
        std::vector<std::string>{
            "T 処理件数 2011 140千件", "A 合計(A) 2009 1000千円", "A 合計(A) 2010 1050千円",
            "A 処理件数 2009 120千件", "A 処理件数 2010 130千件",
            "A 単位あたりコスト(A/C) 千円/件 2009 8.3千円/件",
            "A 単位あたりコスト(A/C) 千円/件 2010 8.1千円/件", "A 延長あたり 2009 52千円/km",
            "A 延長あたり 2010 50千円/km", "A 市民一人あたりの一般財源充当額(B/人口) 2009 310円",
            "A 市民一人あたりの一般財源充当額(B/人口) 2010 320円"});
}

TEST_CASE("department cell over two lines: two sections listed, or one name wrapped") {
  struct Case {
    std::vector<std::string> lines;
    std::string department;
  };
  std::vector<Case> cases = {
      {{"都市局公園緑地部公園課", "建設局道路課"}, "都市局公園緑地部公園課"},
      {{"保健福祉局", "高齢福祉部介護保険課"}, "保健福祉局高齢福祉部介護保険課"},
      {{"市民局市民協働推進課"}, "市民局市民協働推進課"},
  };
  for (const Case& c : cases) {
    Table head = MakeTable({{0, 0, "事務事業名"},
                            {0, 1, "公園維持管理事業"},
                            {1, 0, "所属名"},
                            {1, 1, c.lines[0]},
                            {2, 1, "21年度実績"},
                            {2, 2, "22年度実績"},
                            {3, 0, "管理面積(ha)"},
                            {3, 1, "120"},
                            {3, 2, "125"}});
    for (size_t i = 1; i < c.lines.size(); ++i)
      head.cells[3].lines.push_back(Line{c.lines[i], SourceLoc{1, 102, 0}, {}, {}});
    Extraction e = Run(SheetDocument("平成22年度 事務事業評価シート", {head}));
    INFO(c.lines[0]);
    CHECK(e.department == c.department);
  }
}

TEST_CASE("rules/sheets [unit]: the unit a label prints, a cell that is only a unit") {
  auto sheet = extract::SheetRules::Compile(RuleFiles::Builtin());
  REQUIRE(sheet.ok());
  struct Case {
    std::string label, unit, bare;
  };
  std::vector<Case> cases = {
      {"事業費(千円)", "千円", ""},
      {"(単位:千円)", "千円", ""},
      {"項 目(単位:万人)【数値目標】", "万人", ""},
      {"出荷量(野菜・果実 単位t)", "t", ""},
      {"出荷量(切り花 単位 千本)", "千本", ""},
      {"合計(A)", "", ""},
      {"項 目(単位)【数値目標】", "", ""},
      {"(項目)", "", ""},
      {"補修延長(21〜22年度は決算)", "", ""},
      {"千円/t", "", "千円/t"},
      {"円/人", "", "円/人"},
      {"A/C", "", ""},
      {"処理件数", "", ""},
  };
  for (const Case& c : cases) {
    INFO(c.label);
    CHECK((*sheet)->UnitOf(c.label) == c.unit);
    CHECK((*sheet)->BareUnit(c.label) == c.bare);
  }
}

TEST_CASE("text-aligned grid: values matched to the nearest year column, ties to the right") {
  // Column indexes from text positions: numbers start left of the centred year headers.
  Table t = MakeTable({{0, 0, "事業名"},
                       {0, 6, "防災啓発事業"},
                       {1, 0, "事業量"},
                       {1, 2, "訓練参加者数"},
                       {1, 10, "単位"},
                       {1, 12, "人"},
                       {2, 1, "年度"},
                       {2, 3, "3年度"},
                       {2, 5, "4年度"},
                       {2, 7, "5年度"},
                       {2, 9, "6年度"},
                       {3, 1, "想定"},
                       {3, 6, "300"},
                       {3, 8, "320"},
                       {4, 1, "実績"},
                       {4, 4, "250"}},
                      TableSource::kAligned);
  Extraction e = Run(SheetDocument("令和6年度 事業評価書", {t}));
  REQUIRE(e.goals.size() == 1);
  CHECK(Describe(e.goals[0]) == std::vector<std::string>{"T 訓練参加者数 2023 300人",
                                                         "T 訓練参加者数 2024 320人",
                                                         "A 訓練参加者数 2022 250人"});
}

TEST_CASE("TablesFromBlocks: one table per page and index, wrapped labels joined") {
  Document d;
  Page p;
  p.number = 2;
  auto cell = [](int table, int row, int column, std::string text) {
    Block b;
    b.kind = BlockKind::kTableCell;
    b.table = table;
    b.row = row;
    b.column = column;
    b.lines.push_back(Line{std::move(text), SourceLoc{2, row + 1, 0}, {}, {}});
    return b;
  };
  p.blocks = {cell(0, 0, 0, "事業費"), cell(0, 0, 0, "(千円)"), cell(0, 0, 2, "5年度"),
              cell(0, 1, 3, "12,000"), cell(1, 0, 0, "単位")};
  d.pages.push_back(p);
  std::vector<Table> tables = extract::TablesFromBlocks(d);
  REQUIRE(tables.size() == 2);
  CHECK(tables[0].source == TableSource::kAligned);
  CHECK(tables[0].first_page == 2);
  CHECK(tables[0].rows == 2);
  CHECK(tables[0].columns == 4);
  REQUIRE(tables[0].cells.size() == 3);
  CHECK(tables[0].cells[0].lines.size() == 2);
  CHECK(tables[0].cells[2].lines[0].text == "12,000");
  CHECK(tables[1].cells.size() == 1);
}

TEST_CASE(
    "ChooseTables: a ruled grid replaces the rebuilt tables reading its lines when it "
    "holds more values; its unit caption becomes a row; a form stays rebuilt") {
  auto line = [](int number, std::string text) {
    return Line{std::move(text), SourceLoc{1, number, 0}, {}, {}};
  };
  auto table = [](TableSource source, std::vector<std::tuple<int, int, Line>> cells) {
    Table t;
    t.source = source;
    t.first_page = t.last_page = 1;
    for (auto& [row, column, l] : cells) {
      TableCell c;
      c.row = row;
      c.column = column;
      c.lines.push_back(l);
      t.rows = std::max(t.rows, row + 1);
      t.columns = std::max(t.columns, column + 1);
      t.cells.push_back(std::move(c));
    }
    return t;
  };
  Document d;
  Page p;
  p.number = 1;
  Block caption;
  caption.lines.push_back(line(1, "(単位:千円)"));
  p.blocks.push_back(caption);
  d.pages.push_back(p);
  // The grid: a header row and a row of values; the rebuilt reading cut it into two tables and
  // ran two values into one cell.
  Table grid = table(TableSource::kRuled, {{0, 1, line(2, "4年度")},
                                           {0, 2, line(2, "5年度")},
                                           {1, 0, line(3, "事業費")},
                                           {1, 1, line(3, "1,200")},
                                           {1, 2, line(3, "1,300")}});
  Table form = table(TableSource::kRuled, {{0, 0, line(5, "事業名")}, {0, 1, line(5, "公園管理")}});
  std::vector<Table> rebuilt = {
      table(TableSource::kAligned, {{0, 0, line(2, "4年度")}, {0, 1, line(2, "5年度")}}),
      table(TableSource::kAligned, {{0, 0, line(3, "事業費")}, {0, 1, line(3, "1,200 1,300")}}),
      table(TableSource::kAligned, {{0, 0, line(5, "事業名 公園管理")}})};
  auto numbers = [](const Table& t) {
    int n = 0;
    for (const TableCell& c : t.cells)
      n += c.lines[0].text.find_first_not_of("0123456789,") == std::string::npos;
    return n;
  };
  auto unit_caption = [](std::string_view s) { return s.starts_with("(単位:"); };
  std::vector<Table> chosen =
      extract::ChooseTables(d, rebuilt, {grid, form}, numbers, unit_caption);
  REQUIRE(chosen.size() == 2);
  CHECK(chosen[0].source == TableSource::kRuled);
  CHECK(chosen[0].rows == 3);
  CHECK(chosen[0].cells[0].lines[0].text == "(単位:千円)");
  CHECK(chosen[0].cells[0].row == 0);
  CHECK(chosen[0].cells[0].column == 2);
  CHECK(chosen[0].cells[1].row == 1);
  CHECK(chosen[1].source == TableSource::kAligned);
  CHECK(chosen[1].cells[0].lines[0].text == "事業名 公園管理");
}

TEST_CASE("rules/sheets: an unknown role or key is an error naming file:line") {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "gyosei_sheet_rules_test";
  std::filesystem::create_directories(dir / "sheets");
  std::ofstream(dir / "sheets" / "sheets.rules")
      << "# a typo\n[form goal_titel]\npattern = 事業名\n\n[grid plan]\nvalue = 目標\n";
  RuleFiles rules = RuleFiles::Builtin();
  REQUIRE(rules.AddDirectory(dir.string()).ok());
  auto extractor = Extractor::Create(rules);
  REQUIRE_FALSE(extractor.ok());
  std::string message = extractor.status().message();
  CHECK_THAT(message,
             Catch::Contains("sheets/sheets.rules:2: unknown role 'goal_titel' in [form]"));
  CHECK_THAT(message, Catch::Contains("sheets/sheets.rules:6: unknown key 'value' in [grid]"));
  std::filesystem::remove_all(dir);
}

TEST_CASE(
    "labels.rules: a mistyped role is an error naming file:line (regression: [label target_blok] "
    "loaded)") {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "gyosei_label_role_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "mine.rules") << "[label target_blok]\npattern = 目標指標\n";
  RuleFiles rules = RuleFiles::Builtin();
  REQUIRE(rules.AddDirectory(dir.string()).ok());
  auto extractor = Extractor::Create(rules);
  REQUIRE_FALSE(extractor.ok());
  CHECK_THAT(extractor.status().message(),
             Catch::Contains("mine.rules:1: unknown role 'target_blok' in [label]"));
  std::filesystem::remove_all(dir);
}

namespace {

// A page whose first table is the given rows of cells (text per column).
Page TablePage(int number, std::vector<std::vector<std::string>> rows) {
  Page p;
  p.number = number;
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) {
      Block b;
      b.kind = BlockKind::kTableCell;
      b.table = 0;
      b.row = static_cast<int>(r);
      b.column = static_cast<int>(c);
      b.lines.push_back(Line{rows[r][c], SourceLoc{number, static_cast<int>(r) + 1, 0}, {}, {}});
      p.blocks.push_back(std::move(b));
    }
  return p;
}

}  // namespace

TEST_CASE(
    "booklet: a sheet starts where a page opens with the form's header, not at a page count") {
  Document d;
  d.format = SourceFormat::kPdf;
  d.normalized = true;
  d.pages = {TablePage(1, {{"事務事業名", "公園維持管理業務"}, {"所属名", "建設局公園課"}}),
             TablePage(2, {{"年度", "4年度", "5年度"}, {"実績", "10", "12"}}),
             TablePage(3, {{"事務事業名", "道路維持補修業務"},
                           {"所管課", "建設局道路課"},
                           {"年度", "R4", "R5"}}),
             // A list of programs headed 事務事業名 (an annex) continues the sheet before it.
             TablePage(4, {{"事務事業名", "意見"}, {"橋梁点検", "継続すべき"}}),
             TablePage(5, {{"令和6年度事業名", "図書館運営事業"},
                           {"所管区局・課", "教育委員会生涯学習課"},
                           {"年度", "4年度", "5年度"}})};
  d.page_count = 5;
  auto extractor = Extractor::Create(RuleFiles::Builtin());
  REQUIRE(extractor.ok());
  std::vector<Extraction> parts = (*extractor)->ExtractSheets(d, {});
  REQUIRE(parts.size() == 3);
  std::vector<std::tuple<int, int, int, int, std::string, std::string>> got;
  for (const Extraction& e : parts) {
    REQUIRE(e.part);
    REQUIRE_FALSE(e.goals.empty());
    got.emplace_back(e.part->index, e.part->count, e.part->first_page, e.part->last_page,
                     e.goals[0].title, e.department);
  }
  CHECK(got == std::vector<std::tuple<int, int, int, int, std::string, std::string>>{
                   {1, 3, 1, 2, "公園維持管理業務", "建設局公園課"},
                   {2, 3, 3, 4, "道路維持補修業務", "建設局道路課"},
                   {3, 3, 5, 5, "図書館運営事業", "教育委員会生涯学習課"}});
  // One sheet alone is no booklet: one Extraction without a part.
  Document single = d;
  single.pages.resize(2);
  std::vector<Extraction> one = (*extractor)->ExtractSheets(single, {});
  REQUIRE(one.size() == 1);
  CHECK_FALSE(one[0].part);
}

TEST_CASE("booklet: sample sheets joined with qpdf come back one record per sheet") {
  const std::filesystem::path dir =
      std::filesystem::path(GYOSEI_SHARED_DIR) / "samples" / "pdf-target";
  if (!std::filesystem::is_directory(dir) || std::system("qpdf --version >/dev/null 2>&1") != 0) {
    WARN("skipped: " << dir << " or qpdf is absent");
    return;
  }
  std::vector<std::filesystem::path> sheets;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".pdf") sheets.push_back(entry.path());
  std::sort(sheets.begin(), sheets.end());
  REQUIRE(sheets.size() >= 3);
  sheets.resize(3);
  auto normalizer = Normalizer::Create(RuleFiles::Builtin());
  auto extractor = Extractor::Create(RuleFiles::Builtin());
  REQUIRE((normalizer.ok() && extractor.ok()));
  auto read = [&](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    auto doc = IngestBytes(bytes, p.string());
    REQUIRE(doc.ok());
    return (*normalizer)->Normalize(*doc);
  };
  std::string command = "qpdf --empty --pages";
  std::vector<std::tuple<int, int, std::string>> want;  // first page, last page, first goal
  int page = 0;
  for (const auto& p : sheets) {
    Document d = read(p);
    std::vector<Extraction> alone = (*extractor)->ExtractSheets(d, {});
    REQUIRE(alone.size() == 1);
    REQUIRE_FALSE(alone[0].goals.empty());
    want.emplace_back(page + 1, page + d.page_count, alone[0].goals[0].title);
    page += d.page_count;
    command += " '" + p.string() + "'";
  }
  std::filesystem::path booklet =
      std::filesystem::temp_directory_path() / "gyosei_booklet_test.pdf";
  REQUIRE(std::system((command + " -- '" + booklet.string() + "'").c_str()) == 0);
  std::vector<Extraction> parts = (*extractor)->ExtractSheets(read(booklet), {});
  std::vector<std::tuple<int, int, std::string>> got;
  for (const Extraction& e : parts) {
    REQUIRE(e.part);
    CHECK(e.part->count == 3);
    got.emplace_back(e.part->first_page, e.part->last_page,
                     e.goals.empty() ? "" : e.goals[0].title);
  }
  CHECK(got == want);
  std::filesystem::remove(booklet);
}
