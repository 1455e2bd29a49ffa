// The extractor on small documents shaped like the published ones, and its rules as data:
// exact goals, targets and ratings; rule-file errors with file:line; --rules changing the
// output without recompiling.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "extract/extract.h"
#include "extract_text.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"

using namespace gyosei;

namespace {

using testing::ExtractText;

std::string Describe(const Target& t) {
  std::string s = t.value ? std::to_string(*t.value) : "null";
  s += " " + t.unit + " " + t.comparison + (t.maintain ? " maintain" : "") + " due=" + t.due;
  if (t.baseline) {
    s += " base=" + std::to_string(t.baseline->value) + t.baseline->unit + "@" + t.baseline->date +
         "/" + std::to_string(t.baseline->fiscal_year);
  }
  return s + " metric=" + t.metric;
}

}  // namespace

TEST_CASE("label | value table rows: targets with comparison, due and baseline") {
  Extraction e = ExtractText(
      "# 令和5年度 健康福祉部の運営方針\n\n健康福祉部長\n\n山田 花子\n\n"
      "## 重点的に取り組む施策・事業\n\n"
      "1 健康づくりの推進 (健康増進課)\t\t3 すべての人に健康と福祉を\t\n"
      "現状・課題\t<p>特定健診の受診率は平成30年度の35.2%から令和4年度は38.1%となっています。</"
      "p>\t達成目標\t"
      "<p>①特定健診の受診率を45%以上とします。(令和4年度実績:38.1%)</p>"
      "<p>②令和6年3月末までに健康マイレージ制度を開始します。</p>\n"
      "取組内容\t<p>未受診者への勧奨を強化します。</p>\n");
  CHECK(e.document_type == "department_policy");
  CHECK(e.fiscal_year == 2023);
  CHECK(e.department == "健康福祉部");
  REQUIRE(e.author);
  CHECK(e.author->title == "部長");
  CHECK(e.author->name == "山田 花子");
  REQUIRE(e.goals.size() == 1);
  const Goal& g = e.goals[0];
  CHECK(g.number == "1");
  CHECK(g.title == "健康づくりの推進");
  CHECK(g.owner == "健康増進課");
  CHECK(g.sdgs == std::vector<int>{3});
  REQUIRE(g.targets.size() == 2);
  CHECK(Describe(g.targets[0]) ==
        "45.000000 % ge due= base=38.100000%@/2022 metric=特定健診の受診率");
  CHECK(Describe(g.targets[1]) == "null   due=2024-03-31 metric=");
  CHECK(g.targets[0].loc.line == 10);  // the table row holding 達成目標
  // History in 現状・課題 is description, never a target.
  CHECK(g.description.find("35.2%") != std::string::npos);
}

TEST_CASE("results layout: rating on the title line and on its own line; legends rate nothing") {
  Extraction e = ExtractText(
      "令和4年度部局運営方針実績\n\n"
      "【重点施策とめざす方向】 【実績】\n"
      "子育て支援の充実 目標を上回って達成\n\n"
      "　保育所の待機児童の解消に取り組みます。\n\n"
      "地域防災力の向上と自主防災組織の育成支\n援\n\n"
      "一部達成\n\n"
      "　防災訓練を実施しました。\n");
  CHECK(e.document_type == "department_results");
  CHECK(e.fiscal_year == 2022);
  REQUIRE(e.goals.size() == 2);
  CHECK(e.goals[0].title == "子育て支援の充実");
  REQUIRE(e.goals[0].rating);
  CHECK(e.goals[0].rating->label == "目標を上回って達成");
  CHECK(e.goals[0].rating->level == 1);
  CHECK(e.goals[0].rating->scale == "achievement_5");
  CHECK(e.goals[1].title == "地域防災力の向上と自主防災組織の育成支援");
  REQUIRE(e.goals[1].rating);
  CHECK(e.goals[1].rating->label == "一部達成");
  CHECK(e.goals[1].rating->level == 4);
  CHECK(e.goals[1].rating->levels == 5);

  Extraction legend = ExtractText(
      "部局目標1 窓口サービスの向上\n"
      "業績目標の標語\n"
      "目標としていた達成水準を上回る成果を出した(100%超)\n"
      "目標としていた達成水準に到達した(100%)\n"
      "わずかに目標の達成水準に達しなかった(90%以上100%未満)\n"
      "目標の達成水準には届かなかった(60%以上90%未満)\n"
      "目標達成のための取り組みが見られなかった\n");
  REQUIRE(legend.goals.size() == 1);
  CHECK_FALSE(legend.goals[0].rating);
}

TEST_CASE("numbered plan: 1. -> (1) -> ① nesting and a target sentence in the text") {
  Extraction e = ExtractText(
      "改革の推進期間は平成 20年度から平成 24年度までの 5年間とします。\n\n"
      "改革の方向と具体的項目\n\n"
      "１. 行財政基盤強化への取り組み\n\n"
      "（1）安定した財政基盤の構築\n\n"
      "① 職員数の適正化\n\n"
      "定員管理計画に基づき、平成22年 4月の職員数 1,027名を目標に適正な管理に努めます。\n\n"
      "② 公共施設の管理\n\n"
      "（2）効率的な行政運営\n\n"
      "２. 市民満足度の向上\n");
  REQUIRE(e.period);
  CHECK(e.period->start == "2008-04-01");
  CHECK(e.period->end == "2013-03-31");
  CHECK(e.fiscal_year == 2008);
  REQUIRE(e.goals.size() == 6);
  std::vector<std::string> tree;
  for (const Goal& g : e.goals)
    tree.push_back(g.id + "<" + g.parent_id + " " + g.number + " " + g.title);
  CHECK(tree == std::vector<std::string>{"g1< 1 行財政基盤強化への取り組み",
                                         "g2<g1 (1) 安定した財政基盤の構築",
                                         "g3<g2 ① 職員数の適正化", "g4<g2 ② 公共施設の管理",
                                         "g5<g1 (2) 効率的な行政運営", "g6< 2 市民満足度の向上"});
  REQUIRE(e.goals[2].targets.size() == 1);
  CHECK(Describe(e.goals[2].targets[0]) == "1027.000000 名 eq due=2010-04 metric=職員数");
}

TEST_CASE("context numbers are not targets; approximations and history are skipped") {
  Extraction e = ExtractText(
      "重点施策\n\n"
      "1. 多文化共生の推進\n\n"
      "市内にはおよそ3,600人の外国人住民が生活しています。\n\n"
      "職員数は平成17年度の351人から令和元年度は318人となっています。\n\n"
      "行政革新度は全国35位との評価を得てきました。\n");
  REQUIRE(e.goals.size() == 1);
  CHECK(e.goals[0].targets.empty());
}

TEST_CASE(
    "header row of labels gives columns their roles (業績目標 | 表題 | 現状や課題 | 達成水準)") {
  Extraction e = ExtractText(
      "部局名\t総務部\n役 職\t部長\n氏 名\t月井 敦子\n\n"
      "業績目標\t表題\t現状や課題\t達成水準 (どこまでできれば達成したといえるか)\n"
      "◎部局目標1\t関連の施策・基本事業No 7-1-1\n"
      "市政参画を進めます。\t広聴の充実\t【課題】意見の反映が不十分。\t【目標数値】・アンケートの実"
      "施数:20件(令和5年度:17件)"
      "【達成された状態】意見が反映されている。【手段・工程】・研修を実施する。\n");
  CHECK(e.department == "総務部");
  REQUIRE(e.author);
  CHECK(e.author->name == "月井 敦子");
  CHECK(e.author->title == "部長");
  REQUIRE(e.goals.size() == 1);
  const Goal& g = e.goals[0];
  CHECK(g.number == "部局目標1");
  CHECK(g.title == "広聴の充実");
  CHECK(g.policy_refs == std::vector<std::string>{"7-1-1"});
  REQUIRE(g.targets.size() == 2);
  CHECK(Describe(g.targets[0]) ==
        "20.000000 件  due= base=17.000000件@/2023 metric=アンケートの実施数");
  CHECK(g.targets[1].text == "意見が反映されている。");
  CHECK_FALSE(g.targets[1].value);
  CHECK(g.description.find("研修を実施する") != std::string::npos);
}

TEST_CASE("a broken rule file fails at load with file, line and the RE2 error") {
  RuleFiles rules = RuleFiles::Builtin();
  rules.Add(RuleFile{"broken.rules", "my-rules/broken.rules",
                     "# a comment\n[label target_block]\npattern = 目標(数値\n\n[label]\nregex = "
                     "x\n[mystery]\nno equals sign\n"});
  auto extractor = Extractor::Create(rules);
  REQUIRE_FALSE(extractor.ok());
  CHECK(extractor.status().code() == StatusCode::kRuleError);
  CHECK(extractor.status().message() ==
        "my-rules/broken.rules:8: expected 'key = value' or '[kind name]', got: no equals sign");

  rules.Add(RuleFile{
      "broken.rules", "my-rules/broken.rules",
      "[label target_block]\npattern = 目標(数値\n[label]\nregex = x\n[mystery]\nkey = v\n"});
  extractor = Extractor::Create(rules);
  REQUIRE_FALSE(extractor.ok());
  CHECK(extractor.status().message() ==
        "my-rules/broken.rules:2: bad pattern `目標(数値`: missing ): 目標(数値\n"
        "my-rules/broken.rules:3: [label] needs a role, e.g. [label target_block]\n"
        "my-rules/broken.rules:4: unknown key 'regex' in [label] (known: pattern)\n"
        "my-rules/broken.rules:5: unknown section kind [mystery] (known: label, numbering, skip, "
        "heading, scale, doctype, target, actual, metadata, sdg)");
}

TEST_CASE("--rules DIR teaches a new label and a new scale without recompiling") {
  const std::string doc =
      "重点施策\n\n"
      "1. 窓口サービスの向上\n\n"
      "数値目標(KPI)\n"
      "窓口満足度を90%以上とします。\n\n"
      "評価\n"
      "Ⓐ\n";
  Extraction before = ExtractText(doc);
  REQUIRE(before.goals.size() == 1);
  CHECK(before.goals[0].targets.size() == 1);  // a commitment sentence is a target anyway ...
  CHECK_FALSE(before.goals[0].rating);         // ... but Ⓐ means nothing yet

  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "gyosei-extract-test-rules";
  fs::create_directories(dir);
  std::ofstream(dir / "mycity.rules")
      << "[label target_block]\npattern = 数値目標\\(KPI\\)\n\n"
         "[scale circled_3]\ncontext = label\nlevel = Ⓐ\nlevel = Ⓑ\nlevel = Ⓒ\n";
  RuleFiles rules = RuleFiles::Builtin();
  REQUIRE(rules.AddDirectory(dir.string()).ok());
  CHECK(rules.Version() != RuleFiles::Builtin().Version());
  Extraction after = ExtractText(doc, rules);
  fs::remove_all(dir);
  REQUIRE(after.goals.size() == 1);
  REQUIRE(after.goals[0].rating);
  CHECK(after.goals[0].rating->scale == "circled_3");
  CHECK(after.goals[0].rating->level == 1);
  CHECK(after.goals[0].rating->levels == 3);
  CHECK(after.rules_version == rules.Version());
}

TEST_CASE("KPI table: a header row with 指標 | 現状値 | 目標値 makes each row below a target") {
  Extraction e = ExtractText(
      "重点施策\n\n"
      "1. 雇用の創出\n\n"
      "重要業績評価指標(KPI)\t現状値(H26)\t目標値(H31)\n"
      "新エネルギー関連就業者数\t0人\t10人\n"
      "新規就農者数\t平成26年度:2人\t5人以上\n");
  REQUIRE(e.goals.size() == 1);
  REQUIRE(e.goals[0].targets.size() == 2);
  CHECK(Describe(e.goals[0].targets[0]) ==
        "10.000000 人  due= base=0.000000人@/2014 metric=新エネルギー関連就業者数");
  CHECK(Describe(e.goals[0].targets[1]) ==
        "5.000000 人 ge due= base=2.000000人@/2014 metric=新規就農者数");
  CHECK(e.goals[0].targets[1].loc.line == 7);
}

TEST_CASE("KPI table: the years its header names, in the role's cell or in a row below it") {
  for (const char* header : {"重要業績評価指標(KPI)\t現状値(H26)\t目標値(H31)\n",
                             "重要業績評価指標\t現状値\t目標値\n(KPI)\t(2014年度)\t(2019年度)\n"}) {
    INFO(header);
    Extraction e = ExtractText(std::string("重点施策\n\n1. 雇用の創出\n\n") + header +
                               "新エネルギー関連就業者数\t0人\t10人\n"
                               "新規就農者数\t平成25年度:2人\t5人以上\n");
    REQUIRE(e.goals.size() == 1);
    REQUIRE(e.goals[0].targets.size() == 2);
    CHECK(e.goals[0].targets[0].fiscal_year == 2019);
    REQUIRE(e.goals[0].targets[0].baseline);
    CHECK(e.goals[0].targets[0].baseline->fiscal_year == 2014);
    // A year the cell prints itself wins over the header's.
    REQUIRE(e.goals[0].targets[1].baseline);
    CHECK(e.goals[0].targets[1].baseline->fiscal_year == 2013);
  }
}

TEST_CASE(
    "bug: a restated target in parentheses (延べ300日, 5年間で15人) was read as its baseline") {
  Extraction e = ExtractText(
      "重点施策\n\n"
      "1. 交流の拡大\n\n"
      "重要業績評価指標(KPI)\t現状値(H26)\t目標値(H31)\n"
      "短期移住体験者数\t9人(延べ243日)\t年12人(延べ300日)\n"
      "留学生の受入数\t2人\t年3人(5年間で15人)\n"
      "相談件数\t-\t50件(平成26年度 40件)\n");
  REQUIRE(e.goals.size() == 1);
  REQUIRE(e.goals[0].targets.size() == 3);
  CHECK(Describe(e.goals[0].targets[0]) ==
        "12.000000 人  due= base=9.000000人@/2014 metric=短期移住体験者数");
  CHECK(Describe(e.goals[0].targets[1]) ==
        "3.000000 人  due= base=2.000000人@/2014 metric=留学生の受入数");
  CHECK(Describe(e.goals[0].targets[2]) ==
        "50.000000 件  due= base=40.000000件@/2014 metric=相談件数");
}

TEST_CASE("baseline -> target with the metric run into its baseline, per year or over the plan") {
  Extraction e = ExtractText(
      "重点施策\n\n"
      "1. 雇用の場の創出\n\n"
      "卒業生の新規就業者数0人(2014年度)→5年間で6人(2019年度)\n"
      "展覧会の入場者数700人(2014年度)→年1,500人(2019年度)\n");
  REQUIRE(e.goals.size() == 1);
  REQUIRE(e.goals[0].targets.size() == 2);
  CHECK(Describe(e.goals[0].targets[0]) ==
        "6.000000 人  due= base=0.000000人@/2014 metric=卒業生の新規就業者数");
  CHECK(e.goals[0].targets[0].fiscal_year == 2019);
  CHECK(Describe(e.goals[0].targets[1]) ==
        "1500.000000 人  due= base=700.000000人@/2014 metric=展覧会の入場者数");
}

TEST_CASE(
    "goals as headings under the heading that opened the goals, and as rows of a results table") {
  Extraction headings = ExtractText(
      "# 令和4年度 こども未来部の運営方針\n\n## 基本方針\n\n子どもを真ん中に。\n\n"
      "## 重点施策\n\n### 待機児童の解消\n\n保育定員を拡大します。\n\n### 子どもの居場所づくり\n\n"
      "達成目標\n①放課後児童クラブを3か所開設します。\n");
  REQUIRE(headings.goals.size() == 2);
  CHECK(headings.goals[0].title == "待機児童の解消");
  CHECK(headings.goals[1].title == "子どもの居場所づくり");
  REQUIRE(headings.goals[1].targets.size() == 1);
  CHECK(Describe(headings.goals[1].targets[0]) == "3.000000 箇所  due= metric=放課後児童クラブ");

  Extraction table = ExtractText(
      "令和4年度 部局運営方針実績\n\n"
      "重点施策\t実績\t評価\n"
      "子育て支援の充実\t待機児童ゼロを達成しました。\tA\n"
      "地域防災力の向上\t訓練を3回実施しました。\tB\n");
  REQUIRE(table.goals.size() == 2);
  CHECK(table.goals[0].title == "子育て支援の充実");
  CHECK(table.goals[1].title == "地域防災力の向上");
  REQUIRE(table.goals[0].rating);
  CHECK(table.goals[0].rating->scale == "letter_5");
  CHECK(table.goals[0].rating->level == 2);
  REQUIRE(table.goals[1].rating);
  CHECK(table.goals[1].rating->label == "B");
  CHECK(table.goals[1].targets.empty());  // 実績 is what was done, not a target
}

TEST_CASE("author on one line; fiscal year from a line above the title") {
  Extraction e = ExtractText(
      "令和5年度\n\n市民部 運営方針\n\n市民部長 佐藤 一郎\n\n基本方針\n市民に寄り添う。\n");
  CHECK(e.fiscal_year == 2023);
  CHECK(e.department == "市民部");
  REQUIRE(e.author);
  CHECK(e.author->title == "部長");
  CHECK(e.author->name == "佐藤 一郎");
  CHECK(e.title == "市民部 運営方針");
}

TEST_CASE("総合戦略: 基本目標N -> 施策N-N, 数値目標 lines and a KPI table") {
  Extraction e = ExtractText(
      "第2期 〇〇町総合戦略\n\n基本目標1 しごとをつくる\n\n数値目標\n"
      "・新規雇用者数 年間20人(令和元年度 12人)\n\n施策1-1 農業の振興\n\n"
      "重要業績評価指標(KPI)\t基準値\t目標値\n新規就農者数\t2人\t10人\n\n"
      "基本目標2 "
      "人の流れをつくる\n\n数値目標\n・転入者数を令和6年度までに年間300人以上にします。\n");
  CHECK(e.title == "第2期 〇〇町総合戦略");
  std::vector<std::string> tree;
  for (const Goal& g : e.goals)
    tree.push_back(g.id + "<" + g.parent_id + " " + g.number + " " + g.title);
  CHECK(tree == std::vector<std::string>{"g1< 基本目標1 しごとをつくる", "g2<g1 施策1-1 農業の振興",
                                         "g3< 基本目標2 人の流れをつくる"});
  REQUIRE(e.goals[0].targets.size() == 1);
  CHECK(Describe(e.goals[0].targets[0]) ==
        "20.000000 人  due= base=12.000000人@/2019 metric=新規雇用者数");
  REQUIRE(e.goals[1].targets.size() == 1);
  CHECK(Describe(e.goals[1].targets[0]) ==
        "10.000000 人  due= base=2.000000人@/0 metric=新規就農者数");
  REQUIRE(e.goals[2].targets.size() == 1);
  CHECK(Describe(e.goals[2].targets[0]) == "300.000000 人 ge due=2025-03-31 metric=転入者数");
}

TEST_CASE("evaluation sheet: label | value rows with 担当課, 指標名, 目標値 and a letter grade") {
  Extraction e = ExtractText(
      "令和4年度 事務事業評価シート\n\n事業名\t子育て支援センター運営事業\n担当課\tこども課\n"
      "事業の目的\t子育て家庭の孤立を防ぐ。\n指標名\t利用者数\n目標値\t5,000人\n実績値\t4,"
      "200人\n達成度\tB\n");
  CHECK(e.document_type == "evaluation_sheet");
  CHECK(e.fiscal_year == 2022);
  REQUIRE(e.goals.size() == 1);
  CHECK(e.goals[0].title == "子育て支援センター運営事業");
  CHECK(e.goals[0].owner == "こども課");
  REQUIRE(e.goals[0].targets.size() == 1);
  CHECK(Describe(e.goals[0].targets[0]) == "5000.000000 人  due= metric=利用者数");
  REQUIRE(e.goals[0].rating);
  CHECK(e.goals[0].rating->label == "B");
  CHECK(e.goals[0].rating->level == 3);
}

TEST_CASE(
    "numbered sections: the goals are the items under 重点目標; 【成果指標】 lines are targets") {
  Extraction e = ExtractText(
      "令和5年度 市民生活部 部局運営方針\n\n部長 田中 太郎\n\n1 "
      "部の使命\n\n市民の暮らしを守ります。\n\n"
      "2 重点目標\n\n(1) ごみの減量化\n\n【現状と課題】リサイクル率が低迷しています。\n"
      "【成果指標】1人1日当たりのごみ排出量を850g以下にします。(令和3年度実績:912g)\n"
      "【主な取組】分別の啓発を行います。\n\n(2) 地域コミュニティの活性化\n\n"
      "【成果指標】自治会加入率 70%以上(令和4年度 65.2%)\n\n3 "
      "その他\n\n窓口の案内を改善します。\n");
  CHECK(e.document_label == "部局運営方針");
  REQUIRE(e.goals.size() == 2);
  CHECK(e.goals[0].number == "(1)");
  CHECK(e.goals[0].description == "リサイクル率が低迷しています。\n分別の啓発を行います。");
  REQUIRE(e.goals[0].targets.size() == 1);
  CHECK(Describe(e.goals[0].targets[0]) ==
        "850.000000 g le due= base=912.000000g@/2021 metric=1人1日当たりのごみ排出量");
  REQUIRE(e.goals[1].targets.size() == 1);
  CHECK(Describe(e.goals[1].targets[0]) ==
        "70.000000 % ge due= base=65.200000%@/2022 metric=自治会加入率");
}
