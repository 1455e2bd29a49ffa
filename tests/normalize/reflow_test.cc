// Reflow and the location map, through ingest + normalize on real document shapes.
#include "test_support.h"

#include "ingest/ingest.h"
#include "normalize/normalize.h"

using namespace gyosei;

namespace {

Document NormalizeText(std::string_view text) {
  static const auto normalizer = *Normalizer::Create(RuleFiles::Builtin());
  auto raw = ReadTextDocument(text, "t.txt");
  REQUIRE(raw.ok());
  return normalizer->Normalize(*raw);
}

std::vector<std::string> Lines(const Document& doc) {
  std::vector<std::string> out;
  for (const Page& p : doc.pages)
    for (const Block& b : p.blocks)
      for (const Line& l : b.lines) out.push_back(l.text);
  return out;
}

}  // namespace

TEST_CASE("narrow two-column PDF text: wrapped titles and paragraphs join, labels stay") {
  // Shape of the 実績 document: ~21-character columns, titles wrapped mid-word, paragraphs
  // indented with an ideographic space, the rating on its own line after a blank line.
  Document doc = NormalizeText(
      "職員の意欲・能力の向上と働きやすくやりがい\n"
      "のある職場づくり\n"
      "\n"
      "目標どおり達成\n"
      "\n"
      "　職員人材育成基本方針に基づき、研修等によ\n"
      "り若手職員の能力開発、女性職員の活躍推進、\n"
      "管理職のマネジメント能力の向上に取り組みま\n"
      "す。\n"
      "　また、氷河期世代を対象とした採用試験を実\n"
      "施するなど、多様で優秀な人材の確保に取り組\n"
      "みます。\n");
  CHECK(Lines(doc) == std::vector<std::string>{
                          "職員の意欲・能力の向上と働きやすくやりがいのある職場づくり",
                          "目標どおり達成",
                          "職員人材育成基本方針に基づき、研修等により若手職員の能力開発、女性職員の"
                          "活躍推進、管理職のマネジメント能力の向上に取り組みます。",
                          "また、氷河期世代を対象とした採用試験を実施するなど、多様で優秀な人材の確"
                          "保に取り組みます。",
                      });
}

TEST_CASE("a narrow wrapped title after a wide paragraph still joins") {
  Document doc = NormalizeText(
      "　また、市民から信頼される職員をめざして、職員の意欲と能力の向上を図るとともに、効果的\n"
      "に市の魅力を発信し、的確に情報を市民に届ける広報の推進、広聴機能の充実、人権施策推進プ\n"
      "きます。\n\n\n"
      "効果的な広報プロモーションの推進と広聴機能\n"
      "の充実\n\n"
      "ほぼ目標どおり達成\n");
  CHECK(Lines(doc) == std::vector<std::string>{
                          "また、市民から信頼される職員をめざして、職員の意欲と能力の向上を図るとと"
                          "もに、効果的に市の魅力を発信し、的確に情報を市民に届ける広報の推進、広聴"
                          "機能の充実、人権施策推進プきます。",
                          "効果的な広報プロモーションの推進と広聴機能の充実",
                          "ほぼ目標どおり達成",
                      });
}

TEST_CASE("every printed line followed by a blank line: joined across the blanks") {
  Document doc = NormalizeText(
      "本市においては、行財政改革を不断の課題であると位置付け、これまで積極的\n\n"
      "に取り組んできました。\n\n"
      "＊会津若松市行財政改革大綱（昭和61年 6月）\n\n"
      "＊新会津若松市行財政改革大綱（平成8年2月）\n\n"
      "平成13 年 3月に策定しました「会津若松市行政システム改革プラン」は、本市\n\n"
      "の行財政を取り巻く環境が複雑かつ大きく変化する中で、それまでのスリム化を\n\n"
      "基本とした行財政改革だけでは対処できない新たな課題の解決を図りました。\n\n"
      "（1）国と地方自治体を巡る状況　\n\n"
      "わが国は、かつてのような右肩上がりの社会経済システムが終焉し、急激な\n\n"
      "少子高齢化・人口減少という新たな局面を迎えており、\n");
  CHECK(Lines(doc) == std::vector<std::string>{
                          "本市においては、行財政改革を不断の課題であると位置付け、これまで積極的に"
                          "取り組んできました。",
                          "*会津若松市行財政改革大綱(昭和61年6月)",
                          "*新会津若松市行財政改革大綱(平成8年2月)",
                          "平成13年3月に策定しました「会津若松市行政システム改革プラン」は、本市の"
                          "行財政を取り巻く環境が複雑かつ大きく変化する中で、それまでのスリム化を基"
                          "本とした行財政改革だけでは対処できない新たな課題の解決を図りました。",
                          "(1)国と地方自治体を巡る状況",
                          "わが国は、かつてのような右肩上がりの社会経済システムが終焉し、急激な少子"
                          "高齢化・人口減少という新たな局面を迎えており、",
                      });
}

TEST_CASE("markers and wrapped Latin words") {
  Document doc = NormalizeText(
      "ICTとは、 Information and Communication Technology の略で情報通信技術をあらわす言葉で\n"
      "す。インターネットや携帯電話等の「情報通信技術」をあらわす英語としては、IT and\n"
      "Communication の二つがあり、日本ではITが同義で使われていますが、国際的に定着し\n"
      "① 自治基本条例の検討\n"
      "② 市民協働の担い手育成を進めるため、さまざまな団体と連携して取り組みを進め\n"
      "1. 住民自治への取り組み\n");
  CHECK(Lines(doc) ==
        std::vector<std::string>{
            "ICTとは、Information and Communication Technology "
            "の略で情報通信技術をあらわす言葉です。インターネットや携帯電話等の「情報通信技術」をあ"
            "らわす英語としては、IT and Communication "
            "の二つがあり、日本ではITが同義で使われていますが、国際的に定着し",
            "① 自治基本条例の検討",
            "② 市民協働の担い手育成を進めるため、さまざまな団体と連携して取り組みを進め",
            "1. 住民自治への取り組み",
        });
}

TEST_CASE("a plan item's code starts a new line: B2-2, No.3-2 (sheets printed a cell per line)") {
  // The title of one item fills the column; the next item's code must not be joined to it.
  Document doc = NormalizeText(
      "地域の歴史や文化を生かした観光資源を掘り起こし、磨きます\n"
      "B2-2\n"
      "案内体制を整えて強化し、市の内外へ魅力を積極的に知らせていきます\n"
      "No.3-2 窓口予約の導入による待ち時間の短縮と手続の簡素化を図ります\n"
      "AB12は型番であり項目番号ではないため前の行に続けて読まれます。\n");
  CHECK(Lines(doc) == std::vector<std::string>{
                          "地域の歴史や文化を生かした観光資源を掘り起こし、磨きます",
                          "B2-2",
                          "案内体制を整えて強化し、市の内外へ魅力を積極的に知らせていきます",
                          "No.3-2 窓口予約の導入による待ち時間の短縮と手続の簡素化を図りますAB12は"
                          "型番であり項目番号ではないため前の行に続けて読まれます。",
                      });
}

TEST_CASE("the location map survives reflow and folding") {
  Document doc = NormalizeText(
      "\n　第５次総合計画後期基本計画及び第２期総合\n戦略、国土強靭化地域計画に基づき推進する。\n");
  REQUIRE(doc.pages[0].blocks.size() == 1);
  const Line& line = doc.pages[0].blocks[0].lines[0];
  REQUIRE(line.text ==
          "第5次総合計画後期基本計画及び第2期総合戦略、国土強靭化地域計画に基づき推進する。");
  CHECK(line.loc == SourceLoc{0, 2, 3});  // after the ideographic-space indent (3 bytes)
  // "5" (byte 3 of the output) is "５" at byte 6 of source line 2.
  CHECK(line.LocAt(3) == SourceLoc{0, 2, 6});
  // "次" follows the 1-byte "5" in the output but the 3-byte "５" in the source.
  CHECK(line.LocAt(4) == SourceLoc{0, 2, 9});
  // "2" of 第2期.
  size_t two = line.text.find("2期");
  CHECK(line.LocAt(two) == SourceLoc{0, 2, 51});  // 　第５次 + 12 kanji + 第 = 51 bytes
  // "戦略" starts source line 3.
  size_t senryaku = line.text.find("戦略");
  CHECK(line.LocAt(senryaku) == SourceLoc{0, 3, 0});
  CHECK(line.LocAt(line.text.find("推進")) ==
        SourceLoc{0, 3,
                  static_cast<int>(std::string_view("戦略、国土強靭化地域計画に基づき").size())});
}

TEST_CASE("a numbered column with its numbers centred on the rows: wrapped titles rebuilt") {
  // Layout: a table's 事業名 column read cell by cell from a PDF, the number of a two-line title
  // printed alone between (or above) its lines, a one-line title on its number's line.
  Document doc = NormalizeText(
      "No\n"
      "事業の名称\n"
      "1 観光案内板整備事業\n"
      "空き店舗を活用した\n"
      "2\n"
      "創業支援事業\n"
      "3\n"
      "地域おこし協力隊\n"
      "受入推進事業\n"
      "4 公共交通利用促進事業\n"
      "備考\n");
  CHECK(Lines(doc) == std::vector<std::string>{
                          "No",
                          "事業の名称",
                          "1 観光案内板整備事業",
                          "2 空き店舗を活用した創業支援事業",
                          "3 地域おこし協力隊受入推進事業",
                          "4 公共交通利用促進事業",
                          "備考",
                      });
}

TEST_CASE("a numbered list whose titles wrap under a top-aligned number is left to reflow") {
  // The number shares the title's first line and a one-line item follows: the wrapped line is
  // the item's own continuation, not a centred layout.
  Document doc = NormalizeText(
      "1 市民協働によるまちづくり推進事業の\n"
      "拡充\n"
      "2 防災訓練事業\n"
      "3 健康づくり推進事業\n");
  CHECK(Lines(doc) == std::vector<std::string>{
                          "1 市民協働によるまちづくり推進事業の拡充",
                          "2 防災訓練事業",
                          "3 健康づくり推進事業",
                      });
}

TEST_CASE("a plan level and its number starts a heading of its own (level words)") {
  // Layout: a plain-text plan whose short lines are all alike in width; a heading after a list
  // item or under the plan's title is never the wrap of the line above.
  Document doc = NormalizeText(
      "第3次総合計画後期基本計画の概要\n"
      "\n"
      "基本目標1 活気あふれる産業のまち\n"
      "1 企業立地の推進\n"
      "2 中心市街地の活性化\n"
      "基本目標Ⅱ 心豊かな人を育むまち\n"
      "・学校教育の充実\n"
      "〈施策の柱3〉安心して暮らせるまち\n");
  CHECK(Lines(doc) == std::vector<std::string>{
                          "第3次総合計画後期基本計画の概要",
                          "基本目標1 活気あふれる産業のまち",
                          "1 企業立地の推進",
                          "2 中心市街地の活性化",
                          "基本目標Ⅱ 心豊かな人を育むまち",
                          "・学校教育の充実",
                          "〈施策の柱3〉安心して暮らせるまち",
                      });
}

TEST_CASE("bug: cost-table rows of a text dump joined into one line, their blank cells lost") {
  // A dump that joins a row's cells with one space and writes a blank cell as one more: the
  // rows are as wide as running text, but two spaces between words mark a row of columns,
  // which never wraps. Normalization keeps one space (or none, before a number) and records
  // the runs it folded away.
  Document doc = NormalizeText(
      "区分 R4予算 R4決算 R5予算 R5決算 R6予算\n"
      "人件費 職員人件費 千円   9,100   8,800  \n"
      "臨時職員費   1,500   1,400  \n"
      "広報費 2,000 1,950 2,100 2,080 2,200\n");
  CHECK(Lines(doc) == std::vector<std::string>{"区分 R4予算 R4決算 R5予算 R5決算 R6予算",
                                               "人件費 職員人件費 千円9,100 8,800",
                                               "臨時職員費1,500 1,400",
                                               "広報費2,000 1,950 2,100 2,080 2,200"});
  const Line& staff = doc.pages[0].blocks[0].lines[2];
  CHECK(staff.space_runs == std::vector<SpaceRun>{{15, 3}, {21, 3}});
  CHECK(staff.LocAt(15).column == 18);  // 1,500 in the source line
  CHECK(doc.pages[0].blocks[0].lines[3].space_runs.empty());
}
