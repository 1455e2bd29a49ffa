// Character folding and space rules, one line at a time: real inputs, exact outputs.
#include <catch2/catch.hpp>

#include "normalize/normalize.h"

using namespace gyosei;

namespace {

const Normalizer& Shared() {
  static const std::shared_ptr<const Normalizer> normalizer = [] {
    auto n = Normalizer::Create(RuleFiles::Builtin());
    INFO(n.status().message());
    REQUIRE(n.ok());
    return *n;
  }();
  return *normalizer;
}

struct Case {
  const char* input;
  const char* expected;
};

void CheckAll(std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    INFO(c.input);
    CHECK(Shared().NormalizeLine(c.input) == c.expected);
  }
}

}  // namespace

TEST_CASE("width folding: full-width ASCII, half-width katakana, ideographic space") {
  CheckAll({
      {"第５次総合計画", "第5次総合計画"},
      {"ＳＮＳを活用し", "SNSを活用し"},
      {"６，５００人", "6,500人"},
      {"（令和２年度末実績：７８件）", "(令和2年度末実績:78件)"},
      {"Ｒ３．１０．２９", "R3.10.29"},
      {"ｶﾞｲﾄﾞﾗｲﾝ", "ガイドライン"},
      {"ﾊﾟﾌﾞﾘｯｸｺﾒﾝﾄ", "パブリックコメント"},
      {"ｱﾝｹｰﾄ調査", "アンケート調査"},
      {"市民起点・成果重視の行政で　～市民満足度の最大化～　",
       "市民起点・成果重視の行政で〜市民満足度の最大化〜"},
      {"ＩＴ（Information Technology）", "IT(Information Technology)"},
      {"カ゛イド", "ガイド"},
  });
}

TEST_CASE("deliberate departures from NFKC (rules/normalize/chars.rules)") {
  CheckAll({
      {"①令和4年4月1日現在の職員数", "①令和4年4月1日現在の職員数"},  // list marker kept
      {"⑴ 市民協働の仕組みづくり", "⑴ 市民協働の仕組みづくり"},
      {"Ⅱ 行財政基盤強化", "Ⅱ 行財政基盤強化"},
      {"㈱伊賀", "(株)伊賀"},
      {"10～20件", "10〜20件"},
      {"10〜20件", "10〜20件"},
      {"令和3年∼令和5年", "令和3年〜令和5年"},
      {"上期は今一步というところ", "上期は今一歩というところ"},
      {"⼊札参加資格", "入札参加資格"},  // Kangxi radical U+2F0A
      {"⺠間事業者", "民間事業者"},
      {"㍻30年度", "平成30年度"},
      {"㋿元年", "令和元年"},
      {"今後の…展開", "今後の…展開"},
      {"▲5%", "▲5%"},
      {"△1,200千円", "△1,200千円"},
  });
}

TEST_CASE("dashes and long-vowel marks by their neighbours") {
  CheckAll({
      {"0595ー22ー9601", "0595-22-9601"},
      {"No 7‐1‐1", "No 7-1-1"},
      {"7－3－3", "7-3-3"},
      {"サ―ビス", "サービス"},
      {"デ−タ", "データ"},
      {"サーバ―の更新", "サーバーの更新"},
      {"ワーク・ライフ・バランス", "ワーク・ライフ・バランス"},
      {"e‐モニター", "e-モニター"},
      {"関連の施策・基本事業No ―", "関連の施策・基本事業No ―"},
      {"計画——実施", "計画――実施"},
  });
}

TEST_CASE("spaces from PDF extraction inside dates and numbers go; meaningful ones stay") {
  CheckAll({
      {"平成13 年 3月に策定しました", "平成13年3月に策定しました"},
      {"平成 20年度から平成 24年度までの 5年間", "平成20年度から平成24年度までの5年間"},
      {"令和 3 年度", "令和3年度"},
      {"平成22年 4月の職員数 1,027名", "平成22年4月の職員数1,027名"},
      {"基本目標2 人の流れをつくる", "基本目標2 人の流れをつくる"},
      {"職員数 1,027 名", "職員数1,027名"},
      {"発信回数:460 回", "発信回数:460回"},
      {"10 人や国の不平等をなくそう", "10 人や国の不平等をなくそう"},
      {"情報接触度 200位以内", "情報接触度200位以内"},
      {"6, 500人", "6,500人"},
      {"(令和2年度末実績:78 件)", "(令和2年度末実績:78件)"},
      {"No 7-1-1 関連", "No 7-1-1 関連"},
      {"53 %以上", "53%以上"},
      {"住 み 続 け ら れ る", "住み続けられる"},
      {"部 名", "部名"},
      {"役 職", "役職"},
      {"大石 芳正", "大石 芳正"},
      {"総務部長 大石 芳正", "総務部長 大石 芳正"},
      {"令和3年度 総務部の運営方針", "令和3年度 総務部の運営方針"},
      {"1 定員管理計画の推進 (総務課)", "1 定員管理計画の推進 (総務課)"},
      {"8 働きがいも経済成長も", "8 働きがいも経済成長も"},
      {"3-3:災害に強いまちづくりの推進 5-3:市民が利用しやすい",
       "3-3:災害に強いまちづくりの推進 5-3:市民が利用しやすい"},
      {"Information and Communication Technology の略",
       "Information and Communication Technology の略"},
      {"  前後の空白  と   連続   ", "前後の空白 と 連続"},
      {"取り組みます 。", "取り組みます。"},
      {"【目標数値】 ・令和6年度", "【目標数値】・令和6年度"},
  });
}

TEST_CASE("rule-file errors name file and line, all of them at once") {
  RuleFiles rules = RuleFiles::Builtin();
  rules.Add(RuleFile{"normalize/chars.rules", "my/chars.rules",
                     "# comment\nkeep U+2460..U+24FF\nmap ab c\nfold x y\nkeep U+ZZZZ\n"});
  rules.Add(RuleFile{"normalize/reflow.rules", "my/reflow.rules", "ratio -1\n"});
  auto n = Normalizer::Create(rules);
  REQUIRE_FALSE(n.ok());
  CHECK(n.status().code() == StatusCode::kRuleError);
  CHECK(n.status().message() ==
        "my/chars.rules:3: 'ab' is not one character (write U+XXXX for special ones)\n"
        "my/chars.rules:4: expected 'keep FIRST[..LAST]' or 'map FROM TO', got 'fold'\n"
        "my/chars.rules:5: bad code point 'U+ZZZZ'\n"
        "my/reflow.rules:1: '-1' is not a positive number");
}
