// Layouts other municipalities use, one table per rule kind: document-type cues, department
// labels, the results year of an evaluation sheet, plan structures and targets in prose and
// lists. Each row is a short text written in the style of such documents (not copied from one)
// and what the extractor must read out of it.
#include <catch2/catch.hpp>

#include "extract/extract.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"

using namespace gyosei;

namespace {

Extraction ExtractText(std::string_view text) {
  const RuleFiles& rules = RuleFiles::Builtin();
  auto normalizer = Normalizer::Create(rules);
  REQUIRE(normalizer.ok());
  auto extractor = Extractor::Create(rules);
  INFO(extractor.status().message());
  REQUIRE(extractor.ok());
  auto raw = ReadTextDocument(text, "t.txt");
  REQUIRE(raw.ok());
  return (*extractor)->Extract((*normalizer)->Normalize(*raw), {});
}

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
      {"行動計画の進捗報告", "第3次行動計画の進捗状況について\n\n1 職員の意識改革\n", "reform_plan",
       "", 0},
      {"a reform plan that names 行政評価システム as one of its tools stays a reform plan",
       "第4次行財政改革大綱\n\n1 行政評価システムの活用\n行政評価システムを通じて、事業の見直しを"
       "進めます。\n",
       "reform_plan", "", 0},
  };
  for (const MetaCase& c : cases) {
    INFO(c.layout);
    Extraction e = ExtractText(c.text);
    CHECK(e.document_type == c.document_type);
    CHECK(e.department == c.department);
    CHECK(e.fiscal_year == c.fiscal_year);
  }
}
