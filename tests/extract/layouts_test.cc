// Layouts other municipalities use, one table per rule kind: document-type cues, department
// labels, the results year of an evaluation sheet, plan structures and targets in prose and
// lists. Each row is a short text written in the style of such documents (not copied from one)
// and what the extractor must read out of it.
#include <catch2/catch.hpp>

#include "extract/extract.h"
#include "extract_text.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"

using namespace gyosei;

namespace {

using testing::ExtractText;

struct MetaCase {
  const char* layout;  // the kind of document the row stands for
  const char* text;
  const char* document_type;
  const char* department;
  int fiscal_year;
};

}  // namespace

TEST_CASE("metadata: document-type cues, department labels and the results year of a sheet") {
  const MetaCase cases[] = {
      {"web page of a 行政評価: publisher and evaluation in the title, 主管課 label, 決算 columns",
       "東山市行政評価\n\n施策名 窓口サービスの向上(市民課)\n主管課 市民生活部 市民課\n\n"
       "単位 R3予算 R3決算 R4予算 R4決算 R5予算\n",
       "evaluation_sheet", "市民生活部 市民課", 2022},
      {"総合計画 審議会の施策評価: a lettered heading names the evaluation, 主管課: label",
       "基本施策B2 子育てを地域で支えます\n主管課:子育て支援課\n\nア 施策の目的\n"
       "子育て家庭が安心して暮らしている\nイ 基本施策の評価\nBa\n"
       "目標をおおむね達成しており、目的の達成に向けて順調に進んでいる\n",
       "evaluation_sheet", "子育て支援課", 0},
      {"総合戦略 KPI 進捗状況調書 with the latest results named (PDF text run together)",
       "北浜県総合戦略の数値目標・KPI進捗状況調書 担当部局庁・課名 企画部・政策調整課 "
       "1 項目 [数値目標] 移住者数 最新データ公表時点 令和4年度の実績値 次回データ公表時点 "
       "令和5年度の実績値\n",
       "evaluation_sheet", "企画部・政策調整課", 2022},
      {"交付金事業の実施結果報告", "地方創生推進交付金に係る事業実施結果報告\n\n1 観光振興事業\n",
       "evaluation_sheet", "", 0},
      {"総合戦略 実施状況及び実績 report run together: the year of its KPI results column",
       "総合戦略に基づく各種施策の実施状況及び実績について 〈基本目標1〉しごとをつくる "
       "具体的な施策 "
       "KPI(令和6年度まで) KPI(令和3年度) 達成率 観光案内件数 500 件 観光案内件数 320 件 64.0%\n",
       "other", "", 2021},
      {"a plan (not a results report) with a KPI results column keeps no year",
       "第2期総合戦略 〈基本目標1〉しごとをつくる 具体的な施策 KPI(令和6年度まで) KPI(令和3年度) "
       "観光案内件数 500 件\n",
       "other", "", 0},
      {"交付金事業の実施結果報告 that prints no year of its own: the fiscal year of its results "
       "(目標月 R4.3 -> 2021)",
       "地方創生推進交付金に係る事業実施結果報告\n\n1 "
       "観光振興事業\n\n指標値\n単位\n目標月\n実績値\n"
       "指標 観光客入\n① 込数\n12,000\n人\nR4.3\n13,500\n指標 宿泊者数\n② "
       "の増加\n800\n人\nR4.3\n-\n",
       "evaluation_sheet", "", 2021},
      {"行動計画の進捗報告", "第3次行動計画の進捗状況について\n\n1 職員の意識改革\n", "reform_plan",
       "", 0},
      {"a reform plan that names 行政評価システム as one of its tools stays a reform plan",
       "第4次行財政改革大綱\n\n1 行政評価システムの活用\n行政評価システムを通じて、事業の見直しを"
       "進めます。\n",
       "reform_plan", "", 0},
      {"事務事業評価 sheet read one cell per line: labels above their values",
       "事務事業名\n学校給食の運営\n所属名\n教育委員会保健体育課\n\n評価責任者\n"
       "保健体育課長 山本 一郎\n\n≪事業実績等≫\n22年度実績\n(▲1億2,000万円/平成22年度実績)\n",
       "evaluation_sheet", "教育委員会保健体育課", 0},
      {"事業評価書 of the previous year's work: the evaluated year wins over the title's",
       "令和6年度 事業評価書\n\n令和5年度事業名\n\n窓口予約システム運用事業\n", "evaluation_sheet",
       "", 2023},
      {"総合計画 progress page that says in which 年度 it is published",
       "第2次総合計画 "
       "成果指標の進捗状況\n\n計画の中間年にあたる令和3年度に、進捗状況を市民の皆さんに"
       "公表します。\n",
       "other", "", 2021},
  };
  for (const MetaCase& c : cases) {
    INFO(c.layout);
    Extraction e = ExtractText(c.text);
    CHECK(e.document_type == c.document_type);
    CHECK(e.department == c.department);
    CHECK(e.fiscal_year == c.fiscal_year);
  }
}

namespace {

struct TargetCase {
  const char* layout;
  const char* text;
  // Every target of every goal: "value unit cmp fy=YYYY base=value unit/fy metric=...".
  std::vector<std::string> targets;
};

std::string Describe(const Target& t) {
  std::string s = t.value ? std::to_string(*t.value) : "null";
  s += " " + t.unit + " " + t.comparison + " fy=" + std::to_string(t.fiscal_year);
  if (t.baseline)
    s += " base=" + std::to_string(t.baseline->value) + " " + t.baseline->unit + "/" +
         std::to_string(t.baseline->fiscal_year);
  return s + " metric=" + t.metric;
}

std::vector<std::string> AllTargets(const Extraction& e) {
  std::vector<std::string> out;
  for (const Goal& g : e.goals)
    for (const Target& t : g.targets) out.push_back(Describe(t));
  return out;
}

}  // namespace

TEST_CASE("targets in prose and lists: baseline -> target with years, 現状値/目標値, 目標値 X") {
  const TargetCase cases[] = {
      {"総合戦略 数値目標 list: ①metric: baseline(year)→target(year), run together by the PDF",
       "基本目標1 若い世代の希望をかなえるまちづくり ①転入者数:2,410 人(平成 26 年)→2,600 人(平成 "
       "31 年)"
       " ②合計特殊出生率: 1.42(平成 25 年)→1.60(令和元年) "
       "③保育所待機児童数:35人(平成26年度)→0人(令和元年度)\n",
       {"2600.000000 人  fy=2019 base=2410.000000 人/2014 metric=転入者数",
        "1.600000   fy=2019 base=1.420000 /2013 metric=合計特殊出生率",
        "0.000000 人  fy=2019 base=35.000000 人/2014 metric=保育所待機児童数"}},
      {"KPI line with era abbreviations",
       "1 空き家対策の推進\nKPI 空き家バンク登録件数:12件(R1) → 40件(R6)\n",
       {"40.000000 件  fy=2024 base=12.000000 件/2019 metric=空き家バンク登録件数"}},
      {"現状値 and 目標値 side by side in one line",
       "1 健康づくりの推進\n特定健診受診率 現状値:38.5%(R4) / 目標値(R10):60%以上\n",
       {"60.000000 % ge fy=2028 base=38.500000 %/2022 metric="}},
      {"a 目標値 label and its value",
       "1 地域防災力の向上\n自主防災組織の結成率 目標値 90%以上\n",
       {"90.000000 % ge fy=0 metric="}},
      {"a bracketed 数値目標 label before the target sentence",
       "〈基本目標②〉新しいひとの流れをつくる 《数値目標》 5年間で 300 人の移住者を呼び込みます。"
       "(令和2年度 42 人) 《具体的な施策》 移住相談窓口の設置\n",
       {"300.000000 人  fy=0 metric="}},
  };
  for (const TargetCase& c : cases) {
    INFO(c.layout);
    CHECK(AllTargets(ExtractText(c.text)) == c.targets);
  }
}

TEST_CASE("plan items named inside a long line: 基本目標 with its title, the rest its text") {
  Extraction e = ExtractText(
      "総合戦略の進捗状況について 〈基本目標①〉地域に仕事をつくる 《数値目標》 "
      "新規就業者数を増やします"
      " 〈基本目標②〉安心して子育てできる環境をつくる 《数値目標》 出生数の維持 "
      "基本目標を掲げています\n");
  REQUIRE(e.goals.size() == 2);
  CHECK(e.goals[0].number == "基本目標①");
  CHECK(e.goals[0].title == "地域に仕事をつくる");
  CHECK(e.goals[1].number == "基本目標②");
  CHECK(e.goals[1].title == "安心して子育てできる環境をつくる");
  CHECK(e.goals[1].parent_id.empty());
}

namespace {

struct GoalCase {
  const char* layout;
  const char* text;
  std::vector<std::string> titles;  // "number title (owner)" of every goal, in order
};

void CheckGoals(const GoalCase& c) {
  INFO(c.layout);
  Extraction e = ExtractText(c.text);
  std::vector<std::string> titles;
  for (const Goal& g : e.goals) titles.push_back(g.number + " " + g.title + " (" + g.owner + ")");
  CHECK(titles == c.titles);
}

}  // namespace

TEST_CASE(
    "plan structures: bullets under a pillars heading, a title label on its line, sheet parts") {
  const GoalCase cases[] = {
      {"web page listing the pillars of a 総合計画 as bullets under their count",
       "本市の総合計画の基本計画には、4つの柱があります。\n• "
       "4つの柱\n・安心して暮らせるまちづくり\n"
       "・心豊かな人を育むまちづくり\n・にぎわいのあるまちづくり\n・みんなでつくるまちづくり\n",
       {"・ 安心して暮らせるまちづくり ()", "・ 心豊かな人を育むまちづくり ()",
        "・ にぎわいのあるまちづくり ()", "・ みんなでつくるまちづくり ()"}},
      {"bullets in running text are not goals",
       "1 子育て支援の充実\n・保育所の定員を拡大しました。\n・放課後児童クラブを新設しました。\n",
       {"1 子育て支援の充実 ()"}},
      {"施策評価 web page: 施策名 and its value on one line; the numbered parts of the sheet",
       "東山市行政評価\n\n施策 評価結果の公表\n施策名 "
       "窓口サービスの向上(市民課)\n\n\n施策コード:0102\n"
       "2.施策の目的\n対象(施策の対象は誰か)\n来庁者が待たずに手続きできる。\n\n"
       "3.施策を取り巻く状況\n\n社会環境の変化\n電子申請の利用が増えている。\n\n4."
       "施策にかかるコスト\n",
       {" 窓口サービスの向上 (市民課)"}},
  };
  for (const GoalCase& c : cases) CheckGoals(c);
}

TEST_CASE("plan structures: codes, sheet blocks, hyphen lists, pillars and restarted lists") {
  const GoalCase cases[] = {
      {"施策評価 sheet printed a cell per line: sub-items coded under the 基本施策 (B2-1 alone on "
       "its "
       "line, its title below)",
       "基本施策B2 子育てを地域で支えます\n\n主管課:子育て支援課\n\n個別施策\nB2-1\n"
       "保育の受け皿を広げます\nB2-2\n子育ての相談体制を整えます\nア 施策の目的\n"
       "子育て家庭が安心して暮らしている\n",
       {"基本施策B2 子育てを地域で支えます (子育て支援課)", "B2-1 保育の受け皿を広げます ()",
        "B2-2 子育ての相談体制を整えます ()"}},
      {"行動計画 progress list: No. codes with the owner in parentheses after a label",
       "第2次行動計画の進捗状況\n\nNo.3-1 電子申請の拡大(担当課:情報政策課)\n"
       "No.3-2 窓口予約の導入(担当課:市民課)\n",
       {"No.3-1 電子申請の拡大 (情報政策課)", "No.3-2 窓口予約の導入 (市民課)"}},
      {"施策評価 web page: the 施策の体系 block names the plan's chapter, section and item",
       "西町市行政評価\n\n施策名 窓口サービスの向上(市民課)\n\n1.施策の体系\n"
       "総合計画 第2章 暮らしを支えるまちづくり 第4節 便利な市役所\n"
       "基本計画 (2)窓口サービスの向上\n主管課 市民部 市民課\n\n2.施策の目的\n"
       "来庁者が待たずに手続きできる。\n",
       {" 窓口サービスの向上 (市民課)", "第2章 暮らしを支えるまちづくり ()",
        "第4節 便利な市役所 ()"}},
      {"the same block run into one line by the PDF, labels and titles without spaces",
       "施策名 ごみの減量(環境課)\n1.施策の体系と担当課総合計画 第3章 環境を守るまちづくり "
       "第1節「循環型社会」の実現基本計画 (4)資源の循環主管課 環境部 環境課関係課\n",
       {" ごみの減量 (環境課)", "第3章 環境を守るまちづくり ()", "第1節 「循環型社会」の実現 ()",
        "(4) 資源の循環 ()"}},
      {"a chapter named in running text outside such a block is no goal",
       "1 子育て支援の充実\n総合計画の第2章 暮らしを支えるまちづくりに基づき進めます。\n",
       {"1 子育て支援の充実 ()"}},
      {"hyphen bullets under a heading that opens the goals (web pages, Markdown)",
       "重点的に取り組む施策\n- 空き家の利活用の推進\n- 移住相談体制の充実\n",
       {"- 空き家の利活用の推進 ()", "- 移住相談体制の充実 ()"}},
      {"基本目標Ⅰ alone on its line, the title below; 1-1 items numbered by their section",
       "基本目標Ⅰ\n子育てを応援するまち\n\n1-1 保育サービスの充実\n\n1-2 子育て相談の充実\n",
       {"基本目標Ⅰ 子育てを応援するまち ()", "1-1 保育サービスの充実 ()",
        "1-2 子育て相談の充実 ()"}},
      {"重点プロジェクト numbered, with the owner in parentheses",
       "重点プロジェクト1 移住定住の促進(企画課)\n\n重点プロジェクト2 関係人口の創出(企画課)\n",
       {"重点プロジェクト1 移住定住の促進 (企画課)", "重点プロジェクト2 関係人口の創出 (企画課)"}},
      {"a column of plan items headed 個別施策, one per line",
       "個別施策\n地域の観光資源を磨きます\n",
       {" 地域の観光資源を磨きます ()"}},
      {"a KPI table whose first column names the plan item (tab-separated; a blank cell continues "
       "the item above)",
       "施策\t指標\t現状値\t目標値\n空き家対策の推進\t空き家バンク登録件数\t12件\t40件\n"
       "\t空き家の解体件数\t3件\t10件\n移住相談の充実\t移住相談件数\t80件\t150件\n",
       {" 空き家対策の推進 ()", " 移住相談の充実 ()"}},
      {"a title label and its value after a colon",
       "取組項目:窓口予約の導入\n",
       {" 窓口予約の導入 ()"}},
      {"a line that starts with the word 施策 is no title label", "施策 評価結果の公表\n", {}},
      {"総合計画 progress page: the heading above each indicator table (header cells run together)",
       "支え合うまちづくり\n\n指標内容単位現状値目標備考\n避難訓練の参加率 % 40% 60%\n\n"
       "活気あるまちづくり\n\n指標内容単位現状値目標備考\n観光客数 人 9,000人 12,000人\n",
       {" 支え合うまちづくり ()", " 活気あるまちづくり ()"}},
      {"the heading run into the header row by the PDF (cells printed with |)",
       "健康づくりの推進主要施策コード |成果指標 |\n区分 |\n",
       {" 健康づくりの推進 ()"}},
      {"a sentence or a figure above a table is no heading",
       "次の表は令和5年度の実績です。\n指標名 単位 実績\n(単位:人)\n指標名 単位 実績\n",
       {}},
      {"pillars numbered 柱1 柱2",
       "施策の柱\n\n柱1 安全なまちづくり\n\n柱2 元気なまちづくり\n",
       {"柱1 安全なまちづくり ()", "柱2 元気なまちづくり ()"}},
      {"①② that start again under one goal label the rows of a table read cell by cell",
       "1 観光振興事業\n\n指標\n① 来場者数\n② 宿泊者数\n指標\n① 満足度\n② 消費額\n"
       "2 移住促進事業\n",
       {"1 観光振興事業 ()", "2 移住促進事業 ()"}},
      {"①②③ that go on are the items of a plan",
       "1 観光振興\n① 誘客の推進\n② 受入環境の整備\n",
       {"1 観光振興 ()", "① 誘客の推進 ()", "② 受入環境の整備 ()"}},
  };
  for (const GoalCase& c : cases) CheckGoals(c);
}

TEST_CASE("plan tables flattened by PDF text extraction: wrapped cells and centred numbers") {
  const GoalCase cases[] = {
      {"総合戦略 実施状況 table run into one line, its 施策 and 取組 cells wrapped and interleaved "
       "row line by row line: a broken word rejoined by the dictionary (滞在型観 + 光), a wrapped "
       "phrase by the row order, the repeated indicator names left out",
       "〈基本目標2〉ひとの流れをつくる 具体的な施策 具体的な取組み KPI(令和6年度まで) "
       "KPI(令和2年度) 達成率 観光客受入体制の整備と滞在型観 空き家バンクを活用した移住者 "
       "観光案内所利用者数 観光案内所利用者数 光の推進 向け住宅情報の発信 5,000 人 3,200 人 64.0% "
       "移住相談会の実施 移住相談件数 40 件 移住相談件数 12 件 30.0%\n",
       {"基本目標2 ひとの流れをつくる ()", " 観光客受入体制の整備と滞在型観光の推進 ()",
        " 空き家バンクを活用した移住者向け住宅情報の発信 ()", " 移住相談会の実施 ()"}},
      {"the same table printed a visual row per line, which normalization joins: a cell ends at "
       "each row's end too",
       "〈基本目標2〉ひとの流れをつくる\n具体的な施策 具体的な取組み KPI(令和6年度まで) "
       "KPI(令和2年度) 達成率\n観光客受入体制の整備と滞在型観 空き家バンクを活用した移住者 "
       "観光案内所利用者数 観光案内所利用者数\n光の推進 向け住宅情報の発信 5,000 人 3,200 人 "
       "64.0%\n"
       "移住相談会の実施 移住相談件数 40 件 移住相談件数 12 件 30.0%\n",
       {"基本目標2 ひとの流れをつくる ()", " 観光客受入体制の整備と滞在型観光の推進 ()",
        " 空き家バンクを活用した移住者向け住宅情報の発信 ()", " 移住相談会の実施 ()"}},
      {"the same table cut off after a wrapped cell's first line: that cell is no goal",
       "〈基本目標3〉結婚・出産の希望をかなえる 具体的な施策 KPI(令和6年度) KPI(令和3年度) "
       "鳥獣被害防止対策の推進 捕獲頭数 300 頭 捕獲頭数 250 頭 地域公共交通の利用環境の改善と\n",
       {"基本目標3 結婚・出産の希望をかなえる ()", " 鳥獣被害防止対策の推進 ()"}},
      {"a line of the same words without the table's header reads no cells",
       "〈基本目標3〉結婚・出産の希望をかなえる 捕獲頭数 300 頭 捕獲頭数 250 頭 "
       "鳥獣被害防止対策の推進 地域公共交通の利用環境の改善と\n",
       {"基本目標3 結婚・出産の希望をかなえる ()"}},
      {"交付金事業の実施結果報告: a numbered column with its numbers centred on the rows (a "
       "two-line title's number alone between or above its lines)",
       "事業実施結果報告\nNo\n交付対象事業の名称\n1 観光案内板整備事業\n空き店舗を活用した\n2\n"
       "創業支援事業\n3\n地域おこし協力隊\n受入推進事業\n4 公共交通利用促進事業\n",
       {"1 観光案内板整備事業 ()", "2 空き店舗を活用した創業支援事業 ()",
        "3 地域おこし協力隊受入推進事業 ()", "4 公共交通利用促進事業 ()"}},
  };
  for (const GoalCase& c : cases) CheckGoals(c);
}

TEST_CASE("plan hierarchies in plain text: levels, sub-levels and the label run into a heading") {
  const GoalCase cases[] = {
      {"総合戦略: 基本目標 > (1) 施策 > ① 取組, short lines all alike in width",
       "第2期総合戦略\n\n基本目標1 地域に仕事をつくる\n(1)農業の振興\n①担い手の確保\n"
       "②特産品のブランド化の推進\n(2)商工業の振興\n①創業支援の充実\n基本目標2 人の流れをつくる\n"
       "(1)移住の促進\n①移住相談体制の充実\n",
       {"基本目標1 地域に仕事をつくる ()", "(1) 農業の振興 ()", "① 担い手の確保 ()",
        "② 特産品のブランド化の推進 ()", "(2) 商工業の振興 ()", "① 創業支援の充実 ()",
        "基本目標2 人の流れをつくる ()", "(1) 移住の促進 ()", "① 移住相談体制の充実 ()"}},
      {"施策の柱 with a 具体的施策 label below its heading (joined to it by the wrap) and bullets",
       "施策の柱1 安全なまちづくり\n具体的施策\n・消防団の強化\n・通学路の安全対策の推進\n"
       "施策の柱2 健康なまちづくり\n具体的施策\n・がん検診の受診促進\n",
       {"施策の柱1 安全なまちづくり ()", "・ 消防団の強化 ()", "・ 通学路の安全対策の推進 ()",
        "施策の柱2 健康なまちづくり ()", "・ がん検診の受診促進 ()"}},
      {"基本目標Ⅰ with a 主な取組 label below it and numbered items",
       "基本目標Ⅰ にぎわいのあるまち\n主な取組\n1 観光資源の活用\n2 商店街の活性化\n"
       "基本目標Ⅱ 学びのまち\n主な取組\n1 学校教育の充実\n",
       {"基本目標Ⅰ にぎわいのあるまち ()", "1 観光資源の活用 ()", "2 商店街の活性化 ()",
        "基本目標Ⅱ 学びのまち ()", "1 学校教育の充実 ()"}},
      {"総合戦略 levels in brackets with the title right after the bracket: 【基本目標1】○○ and "
       "【施策2】○○",
       "【基本目標1】地域に仕事をつくる\n■具体的な施策\n(1)農業の振興\n【施策2】観光の振興\n",
       {"基本目標1 地域に仕事をつくる ()", "(1) 農業の振興 ()", "施策2 観光の振興 ()"}},
      {"a 【主な取組】 heading over bullets under each 基本目標: the bullets are its items",
       "基本目標1:結婚の希望をかなえる\n【主な取組】\n・出会いの場の創出\n・結婚新生活の支援\n"
       "基本目標2:地域をつくる\n【主な取組】\n・小さな拠点の形成\n",
       {"基本目標1 結婚の希望をかなえる ()", "・ 出会いの場の創出 ()", "・ 結婚新生活の支援 ()",
        "基本目標2 地域をつくる ()", "・ 小さな拠点の形成 ()"}},
      {"bullets under a label that is not a list heading (取組内容) stay text",
       "基本目標1 結婚の希望をかなえる\n取組内容\n・出会いの場を年3回開催しました。\n",
       {"基本目標1 結婚の希望をかなえる ()"}},
      {"a table of items under a 基本目標 heading (施策 | 主な取組 | 担当課, tab-separated): each "
       "filled 施策 cell is an item under the heading, a blank one continues the item above",
       "基本目標1 "
       "安心して暮らせるまち\n\n施策\t主な取組\t担当課\n防災体制の強化\t自主防災組織の育成\t"
       "危機管理課\n\t避難所の環境整備\t危機管理課\n交通安全の推進\t通学路の点検\t建設課\n",
       {"基本目標1 安心して暮らせるまち ()", " 防災体制の強化 (危機管理課)",
        " 交通安全の推進 (建設課)"}},
      {"施策の体系 as a table, one level per column (1 ○○ | (1)○○ | ①○○), a blank cell continuing "
       "the level above",
       "重点施策の体系\n\n基本目標\t施策の方向\t具体的施策\n1 "
       "しごとをつくる\t(1)農業の振興\t①担い手の育成\n"
       "\t\t②特産品の開発\n\t(2)観光の振興\t①観光案内の充実\n2 "
       "ひとを呼び込む\t(1)移住の促進\t①空き家の活用\n",
       {"1 しごとをつくる ()", "(1) 農業の振興 ()", "① 担い手の育成 ()", "② 特産品の開発 ()",
        "(2) 観光の振興 ()", "① 観光案内の充実 ()", "2 ひとを呼び込む ()", "(1) 移住の促進 ()",
        "① 空き家の活用 ()"}},
      {"a 施策体系 block run into one line by the PDF: the plan's 基本目標 with its (1) items",
       "第2期総合戦略の施策体系 基本目標1 稼ぐ力を高める (1)農林水産業の振興 (2)観光の振興 "
       "基本目標2 "
       "人の流れをつくる (1)移住定住の促進\n",
       {"基本目標1 稼ぐ力を高める ()", "(1) 農林水産業の振興 ()", "(2) 観光の振興 ()",
        "基本目標2 人の流れをつくる ()", "(1) 移住定住の促進 ()"}},
      {"a title that ends in words of a label after a particle keeps them",
       "基本目標1 少子化の現状と課題\n1 結婚支援の充実\n",
       {"基本目標1 少子化の現状と課題 ()", "1 結婚支援の充実 ()"}},
  };
  for (const GoalCase& c : cases) CheckGoals(c);
}

TEST_CASE("a rating under a lettered part of the sheet rates the sheet's own goal") {
  // イ 基本施策の評価 comes after the sub-items (B2-1, B2-2): it rates 基本施策B2.
  Extraction e = ExtractText(
      "基本施策B2 子育てを地域で支えます\n\n主管課:子育て支援課\n\n個別施策\nB2-1\n"
      "保育の受け皿を広げます\nイ 基本施策の評価\nBa\n"
      "目標をおおむね達成しており、目的の達成に向けて順調に進んでいる\n");
  REQUIRE(e.goals.size() == 2);
  REQUIRE(e.goals[0].rating);
  CHECK(e.goals[0].rating->label == "Ba");
  CHECK(e.goals[0].rating->scale == "letter_pair");
  CHECK(e.goals[0].rating->level == 4);
  CHECK_FALSE(e.goals[1].rating);
}

TEST_CASE("the direction decided for a program, under 今後の方針 / 方向性, is its rating") {
  struct Case {
    const char* layout;
    const char* text;
    const char* label;
    int level;
  };
  const Case cases[] = {
      {"事業実施結果報告: 今後の方針 and a phrase", "1 観光振興事業\n\n今後の方針\n事業の継続\n",
       "事業の継続", 2},
      {"事務事業評価 web page: 方向性 and one word", "1 健康教室の開催\n\n方向性\n拡充\n", "拡充",
       1},
      {"improve, then go on", "1 窓口の改善\n\n今後の方向性\n\n見直しの上継続\n", "見直しの上継続",
       3},
  };
  for (const Case& c : cases) {
    INFO(c.layout);
    Extraction e = ExtractText(c.text);
    REQUIRE(e.goals.size() == 1);
    REQUIRE(e.goals[0].rating);
    CHECK(e.goals[0].rating->label == c.label);
    CHECK(e.goals[0].rating->scale == "direction_5");
    CHECK(e.goals[0].rating->level == c.level);
  }
  // A direction word in running text rates nothing.
  CHECK_FALSE(ExtractText("1 観光振興事業\n\n事業を継続して実施した。\n").goals.at(0).rating);
}

TEST_CASE("a plan's 基本目標 before and after its revision: the same number, another title") {
  Extraction e = ExtractText(
      "県総合戦略(改訂前)における位置付け 基本目標 1 若者の働く場の確保 施策 "
      "県総合戦略(改訂後)における位置付け 基本目標 1 新しい働き方への挑戦 施策 3 進捗状況\n");
  std::vector<std::string> titles;
  for (const Goal& g : e.goals) titles.push_back(g.title);
  CHECK(titles == std::vector<std::string>{"若者の働く場の確保", "新しい働き方への挑戦"});
}

TEST_CASE(
    "an evaluation sheet's header: 基本施策 and title run together with their running header") {
  // PDF text of a 施策評価 sheet: the running header (number, title, 主管課) and the sheet's own
  // title run into one line; the indicator table below is read one cell per line.
  Extraction e = ExtractText(
      "Page 1基本施策C2 地域の産業を元気にします 主管課:産業振興基本施策C2 地域の産業を元気にします"
      "主管課:産業振興課\n個別施策\n\nウ 成果指標\n基準値\n(時期)\n指標名\n新規創業件数[年度]\n"
      "24 件\n(30 年度)\n");
  REQUIRE(e.goals.size() == 1);
  CHECK(e.goals[0].number == "基本施策C2");
  CHECK(e.goals[0].title == "地域の産業を元気にします");
  CHECK(e.department == "産業振興課");
  // 24 件 sits under 基準値 as much as under 指標名: a bare value is no target.
  CHECK(e.goals[0].targets.empty());
}

TEST_CASE("actuals written beside a target or in the text: 令和4年度実績:38.1%, 実績(R5):45件") {
  Extraction e = ExtractText(
      "令和6年度 健康福祉部の運営方針\n\n## 重点目標\n\n(1) 健診の受診促進\n\n"
      "【成果指標】特定健診の受診率を45%以上とします。(令和4年度実績:38.1%)\n\n"
      "(2) "
      "介護予防の推進\n\n【現状と課題】通いの場の参加者は実績(R5):1,250人にとどまっています。\n");
  REQUIRE(e.goals.size() == 2);
  REQUIRE(e.goals[0].actuals.size() == 1);
  CHECK(e.goals[0].actuals[0].value == 38.1);
  CHECK(e.goals[0].actuals[0].unit == "%");
  CHECK(e.goals[0].actuals[0].fiscal_year == 2022);
  CHECK(e.goals[0].actuals[0].metric == "特定健診の受診率");
  REQUIRE(e.goals[1].actuals.size() == 1);
  CHECK(e.goals[1].actuals[0].value == 1250);
  CHECK(e.goals[1].actuals[0].unit == "人");
  CHECK(e.goals[1].actuals[0].fiscal_year == 2023);
  // column headings of a results table are no actuals: H5実績 H6見込
  CHECK(
      ExtractText("1 窓口の改善\n単位 R4実績 R5実績 R6見込 R7計画\n").goals.at(0).actuals.empty());
}

TEST_CASE("KPI progress rows flattened to text: 指標名 目標値 指標名 実績値 達成率") {
  // A 総合戦略 progress table whose target and actual columns each repeat the indicator, run
  // together by the PDF. A row is read only when the indicator repeats and 達成率 = actual /
  // target; the last two rows (another indicator, a rate that does not hold) are not read.
  Extraction e = ExtractText(
      "〈基本目標②〉結婚・出産・子育ての希望をかなえる 具体的な施策 KPI(令和6年度まで) "
      "KPI(令和3年度) 達成率 子育て相談件数 200 件 子育て相談件数 150 件 75.0% 保育士確保数 20 人 "
      "保育士確保数 6 人 30.0% 健診受診率 60%以上 健診受診率 45%以上 75% 病児保育利用者数 300 人 "
      "延べ利用者数 120 人 40.0% 放課後児童クラブ数 10 か所 放課後児童クラブ数 8 か所 50.0%\n");
  REQUIRE(e.goals.size() == 1);
  // The header's columns give the years: KPI(令和6年度まで) the targets', KPI(令和3年度) the
  // results'.
  CHECK(AllTargets(e) == std::vector<std::string>{"200.000000 件  fy=2024 metric=子育て相談件数",
                                                  "20.000000 人  fy=2024 metric=保育士確保数",
                                                  "60.000000 % ge fy=2024 metric=健診受診率"});
  std::vector<std::string> actuals;
  for (const Actual& a : e.goals[0].actuals)
    actuals.push_back(a.metric + " " + std::to_string(a.value) + " " + a.unit + " " +
                      std::to_string(a.fiscal_year));
  CHECK(actuals == std::vector<std::string>{"子育て相談件数 150.000000 件 2021",
                                            "保育士確保数 6.000000 人 2021",
                                            "健診受診率 45.000000 % 2021"});
}

TEST_CASE("KPI progress rows under a header with a due month: the fiscal year that month ends") {
  // progress_header: KPI(令和8年3月まで) is due at the end of fiscal 2025; rows before any header
  // keep no year.
  Extraction e = ExtractText(
      "〈基本目標1〉しごとをつくる 創業件数 10 件 創業件数 4 件 40.0% 具体的な施策 "
      "KPI(令和8年3月まで) KPI(令和4年度) 達成率 企業誘致件数 5 件 企業誘致件数 2 件 40.0%\n");
  REQUIRE(e.goals.size() == 1);
  CHECK(AllTargets(e) == std::vector<std::string>{"10.000000 件  fy=0 metric=創業件数",
                                                  "5.000000 件  fy=2025 metric=企業誘致件数"});
  std::vector<int> years;
  for (const Actual& a : e.goals[0].actuals) years.push_back(a.fiscal_year);
  CHECK(years == std::vector<int>{0, 2022});
}

TEST_CASE("a scoped numbering scheme needs inline; an unknown heading key is named at file:line") {
  RuleFiles rules = RuleFiles::Builtin();
  rules.Add(
      RuleFile{"mine.rules", "my-rules/mine.rules",
               "[numbering block_item]\nafter = 施策の体系\npattern = (第[0-9]章)(?P<title>\\S+)\n"
               "[heading]\nbelow_table = 合計\n"});
  auto extractor = Extractor::Create(rules);
  REQUIRE_FALSE(extractor.ok());
  CHECK(extractor.status().message() ==
        "my-rules/mine.rules:1: 'after' needs 'inline = yes'\n"
        "my-rules/mine.rules:5: unknown key 'below_table' in [heading] (known: above_table)");
}

TEST_CASE("the new rule keys report a missing named group at file:line") {
  RuleFiles rules = RuleFiles::Builtin();
  rules.Add(RuleFile{"mine.rules", "my-rules/mine.rules",
                     "[target]\nin_line = 目標([0-9]+)\n[actual]\nin_line = 実績([0-9]+)\n"
                     "[numbering pillar]\ninline = yes\npattern = (柱[0-9])\n"
                     "[metadata]\nresults_year = ([0-9]+)年度実績\n"});
  auto extractor = Extractor::Create(rules);
  REQUIRE_FALSE(extractor.ok());
  CHECK(extractor.status().message() ==
        "my-rules/mine.rules:2: in_line needs a group named 'value' or 'item'\n"
        "my-rules/mine.rules:4: in_line needs a group named 'value'\n"
        "my-rules/mine.rules:7: an inline numbering pattern needs a group named 'title'\n"
        "my-rules/mine.rules:9: results_year needs a group named 'year'");
}
