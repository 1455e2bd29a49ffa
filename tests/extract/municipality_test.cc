// MunicipalityTable: the code table, the caller's --municipality, and what Detect finds in the
// five corpus documents and in small made-up ones that probe each guard.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "extract/municipality.h"
#include "ingest/ingest.h"
#include "normalize/normalize.h"
#include "rules/rule_files.h"

using namespace gyosei;

namespace {

const MunicipalityTable& Codes() {
  static const MunicipalityTable table = [] {
    auto t = MunicipalityTable::Load(RuleFiles::Builtin());
    INFO(t.status().message());
    REQUIRE(t.ok());
    return std::move(t).value();
  }();
  return table;
}

// Text as the extractor sees it: read like a .txt input, then normalized.
Document Normalized(const std::string& text, const std::string& path = "synthetic.txt") {
  static const std::shared_ptr<const Normalizer> normalizer = [] {
    auto n = Normalizer::Create(RuleFiles::Builtin());
    REQUIRE(n.ok());
    return *n;
  }();
  auto doc = ReadTextDocument(text, path);
  INFO(doc.status().message());
  REQUIRE(doc.ok());
  return normalizer->Normalize(*doc);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Describe(const MunicipalityGuess& g) {
  std::string s = g.municipality ? g.municipality->prefecture + g.municipality->name + " " +
                                       g.municipality->code
                                 : "none";
  for (const Warning& w : g.warnings) s += "\nwarning " + w.code + ": " + w.message;
  for (const MunicipalityCandidate& c : g.candidates) {
    s += "\ncandidate " + c.municipality.prefecture + c.municipality.name + " score " +
         std::to_string(c.score) + " mentions " + std::to_string(c.mentions) +
         (c.ambiguous ? " ambiguous" : "");
  }
  return s;
}

// Lines that push what follows out of the title area.
std::string Filler() {
  std::string s;
  for (int i = 0; i < 12; ++i) s += "本文の段落です。\n\n";
  return s;
}

// A made-up document and what Detect must find in it.
struct DetectCase {
  const char* what;
  std::string text;
  const char* code;     // "" = none
  const char* warning;  // "" = no warning; else text the ambiguous_municipality message has
};

void CheckDetect(const std::vector<DetectCase>& cases) {
  for (const DetectCase& c : cases) {
    MunicipalityGuess g = Codes().Detect(Normalized(c.text));
    INFO(c.what << "\n" << Describe(g));
    if (*c.code) {
      REQUIRE(g.municipality.has_value());
      CHECK(g.municipality->code == c.code);
      CHECK(g.municipality->evidence == "text");
    } else {
      CHECK_FALSE(g.municipality.has_value());
    }
    if (*c.warning) {
      REQUIRE(g.warnings.size() == 1);
      CHECK(g.warnings[0].code == "ambiguous_municipality");
      CHECK(g.warnings[0].message.find(c.warning) != std::string::npos);
      CHECK(g.warnings[0].loc.line > 0);
    } else {
      CHECK(g.warnings.empty());
    }
  }
}

}  // namespace

TEST_CASE("the built-in table loads: 1,965 rows") { CHECK(Codes().size() == 1965); }

TEST_CASE("Lookup: codes, names, variants, qualified names") {
  struct Case {
    const char* input;
    const char* code;
    const char* name;
    const char* prefecture;
  };
  const Case cases[] = {
      {"222241", "222241", "菊川市", "静岡県"},
      {"22224", "222241", "菊川市", "静岡県"},
      {"２２２２４１", "222241", "菊川市", "静岡県"},
      {" 222241 ", "222241", "菊川市", "静岡県"},
      {"菊川市", "222241", "菊川市", "静岡県"},
      {"静岡県菊川市", "222241", "菊川市", "静岡県"},
      {"静岡県　菊川市", "222241", "菊川市", "静岡県"},
      {"伊賀市", "242161", "伊賀市", "三重県"},
      {"横手市", "052035", "横手市", "秋田県"},
      {"会津若松市", "072028", "会津若松市", "福島県"},
      {"龍ヶ崎市", "082082", "龍ケ崎市", "茨城県"},  // 総務省 writes ケ
      {"龍ケ崎市", "082082", "龍ケ崎市", "茨城県"},
      {"茅ケ崎市", "142077", "茅ヶ崎市", "神奈川県"},  // 総務省 writes ヶ
      {"上の国町", "013625", "上ノ国町", "北海道"},
      {"伊豆ノ国市", "222259", "伊豆の国市", "静岡県"},
      {"広島県府中市", "342084", "府中市", "広島県"},
      {"東京都府中市", "132063", "府中市", "東京都"},
      {"福島県伊達市", "072133", "伊達市", "福島県"},
      {"泊村", "014036", "泊村", "北海道"},    // the 北方領土 泊村 yields the name
      {"016969", "016969", "泊村", "北海道"},  // but keeps its code
      {"東京都北区", "131172", "北区", "東京都"},
      {"浜松市中央区", "221384", "浜松市中央区", "静岡県"},
      {"見沼区", "111040", "さいたま市見沼区", "埼玉県"},
      {"東京都", "130001", "東京都", "東京都"},
      {"静岡県榛原郡吉田町", "224243", "吉田町", "静岡県"},
      {"世田谷区", "131121", "世田谷区", "東京都"},
      {"いの町", "393860", "いの町", "高知県"},
  };
  for (const Case& c : cases) {
    INFO(c.input);
    auto m = Codes().Lookup(c.input);
    INFO(m.status().message());
    REQUIRE(m.ok());
    CHECK(m->code == c.code);
    CHECK(m->name == c.name);
    CHECK(m->prefecture == c.prefecture);
    CHECK(m->evidence == "caller");
    CHECK(Codes().Find(c.input).has_value());
  }
}

TEST_CASE("Lookup: ambiguous, unknown and malformed inputs say why") {
  struct Case {
    const char* input;
    StatusCode code;
    std::vector<const char*> message_has;
  };
  const Case cases[] = {
      {"府中市",
       StatusCode::kInvalidArgument,
       {"ambiguous", "東京都府中市 (132063)", "広島県府中市 (342084)"}},
      {"伊達市", StatusCode::kInvalidArgument, {"北海道伊達市 (012335)", "福島県伊達市 (072133)"}},
      {"池田町",
       StatusCode::kInvalidArgument,
       {"北海道池田町", "福井県池田町", "長野県池田町", "岐阜県池田町"}},
      {"北区",
       StatusCode::kInvalidArgument,
       {"東京都北区 (131172)", "埼玉県さいたま市北区 (111023)"}},
      {"222242", StatusCode::kInvalidArgument, {"check digit", "222241 is 静岡県菊川市"}},
      {"1234", StatusCode::kInvalidArgument, {"6 digits"}},
      {"999999", StatusCode::kNotFound, {"no local government"}},
      {"99999", StatusCode::kNotFound, {"no local government"}},
      {"架空市", StatusCode::kNotFound, {"架空市"}},
      {"静岡県府中市", StatusCode::kNotFound, {"静岡県府中市"}},
      {"", StatusCode::kInvalidArgument, {"empty"}},
  };
  for (const Case& c : cases) {
    INFO(c.input);
    auto m = Codes().Lookup(c.input);
    REQUIRE_FALSE(m.ok());
    CHECK(m.status().code() == c.code);
    for (const char* part : c.message_has) {
      INFO(m.status().message());
      CHECK(m.status().message().find(part) != std::string::npos);
    }
    CHECK_FALSE(Codes().Find(c.input).has_value());
  }
}

TEST_CASE("Parse: malformed tables are errors naming file:line") {
  const std::string header = "code,prefecture,name,kana,type\n";
  const std::string pref = "220001,静岡県,静岡県,シズオカケン,都道府県\n";
  struct Case {
    std::string csv;
    const char* message;
  };
  const Case cases[] = {
      {"", "x.csv: empty"},
      {"code,name\n", "x.csv:1: expected the header"},
      {header + pref + "222241,静岡県,菊川市,キクガワシ\n", "x.csv:3: expected 5 fields"},
      {header + pref + "222242,静岡県,菊川市,キクガワシ,市\n",
       "x.csv:3: code 222242: check digit should be 1"},
      {header + pref + "22224,静岡県,菊川市,キクガワシ,市\n",
       "x.csv:3: code '22224' is not 6 digits"},
      {header + pref + "222241,静岡県,菊川市,キクガワシ,都市\n", "x.csv:3: unknown type"},
      {header + pref + "222241,静岡県,菊川市,キクガワシ,市\n222241,静岡県,菊川市,キクガワシ,市\n",
       "x.csv:4: code 222241 appears twice"},
      {header + "222241,静岡県,菊川市,キクガワシ,市\n", "x.csv:2: prefecture 静岡県 has no"},
      {header + pref + "221384,静岡県,浜松市中央区,ハママツシチュウオウク,政令市の区\n",
       "x.csv:3: ward 浜松市中央区"},
      {header + pref + "222241,静岡県,\"菊川市,キクガワシ,市\n",
       "x.csv:3: a quoted field is never closed"},
  };
  for (const Case& c : cases) {
    INFO(c.csv);
    auto t = MunicipalityTable::Parse(c.csv, "x.csv");
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().code() == StatusCode::kRuleError);
    INFO(t.status().message());
    CHECK(t.status().message().rfind(c.message, 0) == 0);
  }
  // The one CSV reader (core/csv.h): a BOM, CRLF, blank lines and quoted fields are read.
  auto ok = MunicipalityTable::Parse(
      "\xEF\xBB\xBF" + header + pref + "222241,静岡県,\"菊川市\",キクガワシ,市\r\n\n", "x.csv");
  INFO(ok.status().message());
  REQUIRE(ok.ok());
  CHECK(ok->size() == 2);
  CHECK(ok->Find("菊川市").has_value());
}

// Issue 14: one-kanji municipality names (津市 堺市 呉市 森町 北区) are found when the prefecture
// is written next to them or their office or officers are named (市役所, 市長, 町役場, 区長), and
// then only when that leaves one municipality; bare, they stay unread.
TEST_CASE("Detect: one-kanji names with their prefecture or their office") {
  const std::vector<DetectCase> cases = {
      {"市役所 after the name", "津市役所 行政改革推進計画\n\n津市役所の窓口業務を見直します。\n",
       "242012", ""},
      {"市長 after the name", "堺市長 施政方針\n\n堺市長として、市民サービスの向上に努めます。\n",
       "271403", ""},
      {"市長 in the body only",
       "総務部の運営方針\n\n" + Filler() + "呉市長の方針のもと、呉市役所の業務を見直します。\n",
       "342025", ""},
      {"市議会 after the name", "萩市議会への報告\n\n萩市議会の議決を経て…\n", "352047", ""},
      {"prefecture before, with a space", "広島県 呉市 行政経営方針\n\n呉市では…\n", "342025", ""},
      {"bare one-kanji name stays unread", "堺市の運営方針\n\n堺市では…\n", "", ""},
      {"inside a longer name: 大津市 is not 津市", "大津市役所 運営方針\n\n大津市では…\n", "252018",
       ""},
      {"a name two prefectures share, with its office: 森町",
       "森町役場 運営方針\n\n森町役場では…\n", "", "森町"},
      {"a shared one-kanji name and its prefecture named in the document",
       "森町役場 運営方針\n\n森町では静岡県と連携して…\n", "224618", ""},
      {"a bare ward name with 区長 still needs its city", "北区長 区政運営方針\n\n北区では…\n", "",
       ""},
      {"a ward with 区役所 and its city", "さいたま市北区役所 運営方針\n\n北区役所では…\n",
       "111023", ""},
  };
  CheckDetect(cases);
}

// An evaluation sheet names its city only in the 根拠法令 cell (神戸市市税条例) while its tables
// compare it with other cities (名古屋市大阪市): the city's own ordinance speaks for it.
TEST_CASE("Detect: a municipality's own ordinance outweighs cities named in passing") {
  const std::vector<DetectCase> cases = {
      {"its own ordinance in the form, other cities in a table",
       "事務事業評価シート\n\n" + Filler() +
           "根拠法令等 地方税法、金沢市市税条例等\n他都市の状況\n名古屋市大阪市\n横浜市福岡市\n",
       "172014", ""},
      {"another city's ordinance after a particle is no own law",
       "事務事業評価シート\n\n" + Filler() + "名古屋市の条例を参考にした。\n", "", ""},
  };
  CheckDetect(cases);
}

TEST_CASE("Load: detection words from municipality/detect.rules, errors naming file:line") {
  struct Case {
    const char* rules;
    const char* message;
  };
  const Case cases[] = {
      {"[particles]\nchars = は のが\n", "my/detect.rules:2: 'のが' is not one character"},
      {"[self_reference county]\nword = 本郡\n", "my/detect.rules:1: unknown self_reference kind"},
      {"[self_reference city]\nword = 本市\nexcept = 市場\n",
       "my/detect.rules:3: '市場' holds none of this section's words"},
      {"[self_reference city]\nwords = 本市\n", "my/detect.rules:2: unknown key 'words'"},
      {"[office]\nword = 市 役所\n", "my/detect.rules:2: expected one word without spaces"},
      {"[not_a_name]\nword = 場\n", "my/detect.rules:1: a [not_a_name] word has 2 characters"},
      {"[offices]\nword = 役所\n", "my/detect.rules:1: unknown section kind [offices]"},
  };
  for (const Case& c : cases) {
    RuleFiles rules = RuleFiles::Builtin();
    rules.Add(RuleFile{"municipality/detect.rules", "my/detect.rules", c.rules});
    auto t = MunicipalityTable::Load(rules);
    INFO(c.rules);
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().code() == StatusCode::kRuleError);
    INFO(t.status().message());
    CHECK(t.status().message().rfind(c.message, 0) == 0);
  }
  // A rule file's words are what detection reads: without 役所 among them, 津市役所 is bare.
  RuleFiles rules = RuleFiles::Builtin();
  rules.Add(RuleFile{"municipality/detect.rules", "my/detect.rules", "[office]\nword = 長\n"});
  auto t = MunicipalityTable::Load(rules);
  REQUIRE(t.ok());
  CHECK_FALSE(t->Detect(Normalized("津市役所 行政改革推進計画\n\n津市役所の窓口\n")).municipality);
  CHECK(t->Detect(Normalized("津市長 施政方針\n\n津市長として…\n")).municipality);
}

TEST_CASE("Load: a --rules lgcode.csv replaces the built-in one") {
  RuleFiles rules = RuleFiles::Builtin();
  rules.Add(RuleFile{"lgcode.csv", "my/lgcode.csv", "code,prefecture,name\n"});
  auto t = MunicipalityTable::Load(rules);
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().message().rfind("my/lgcode.csv:1:", 0) == 0);
}

TEST_CASE("Detect: the five corpus documents") {
  struct Case {
    const char* path;
    const char* code;  // "" = none
    const char* name;
    const char* prefecture;
  };
  const Case cases[] = {
      {"corpus/001_c5bbb58d7165dbb1.txt", "222241", "菊川市", "静岡県"},
      {"corpus/002_5f1a78a3c3e66711.txt", "242161", "伊賀市", "三重県"},
      {"corpus/003_2a7c210278e47f29.txt", "052035", "横手市", "秋田県"},
      {"corpus/004_c3cb6c837472769f.txt", "072028", "会津若松市", "福島県"},
      {"corpus/000_ffb01740a82d06a7.txt", "", "", ""},
  };
  for (const Case& c : cases) {
    const std::string path = std::string(GYOSEI_SOURCE_DIR) + "/" + c.path;
    MunicipalityGuess g = Codes().Detect(Normalized(ReadFile(path), path));
    INFO(c.path << "\n" << Describe(g));
    CHECK(g.warnings.empty());
    if (*c.code == 0) {
      CHECK_FALSE(g.municipality.has_value());
      CHECK(g.candidates.empty());
      continue;
    }
    REQUIRE(g.municipality.has_value());
    CHECK(g.municipality->code == c.code);
    CHECK(g.municipality->name == c.name);
    CHECK(g.municipality->prefecture == c.prefecture);
    CHECK(g.municipality->evidence == "text");
  }
}

TEST_CASE("Detect: made-up documents, one guard or cue each") {
  const std::vector<DetectCase> cases = {
      {"shared name alone", "府中市の行政改革\n\n府中市では事務の見直しを進めます。\n", "",
       "132063"},
      {"shared name with its prefecture up front",
       "広島県府中市 行政改革プラン\n\n府中市では事務の見直しを進めます。府中市役所の窓口も。\n",
       "342084", ""},
      {"shared name, another prefecture mentioned once",
       "伊達市 "
       "総務部の運営方針\n\n伊達市では、東京都での研修に職員を派遣します。伊達市の職員数は…\n",
       "", "012335"},
      {"shared name, one candidate's prefecture mentioned",
       "伊達市 総務部の運営方針\n\n伊達市では福島県と連携して復興を進めます。\n", "072133", ""},
      {"a prefecture's own document",
       "東京都 総務局の運営方針\n\n本都では、都民サービスの向上を図ります。\n", "130001", ""},
      {"prefecture named only in passing",
       "総務部の運営方針\n\n" + Filler() + "市では静岡県の補助金を活用します。\n", "", ""},
      {"two cities named equally", "菊川市と掛川市の連携事業\n\n菊川市と掛川市で協議します。\n", "",
       "掛川市"},
      {"one passing mention is not enough",
       "総務課の方針\n\n" + Filler() + "横浜市の事例を参考にします。\n", "", ""},
      {"the document's city against a neighbour",
       "会津若松市 行政改革プラン\n\n本市は喜多方市と連携し、会津若松市の事務を見直します。\n",
       "072028", ""},
      {"ward with its city",
       "さいたま市北区 区政運営方針\n\n本区では北区役所の窓口を見直します。\n", "111023", ""},
      {"city listing its wards",
       "浜松市 行政経営計画\n\n浜松市中央区、浜松市浜名区、浜松市天竜区の"
       "各区役所と浜松市役所は…\n浜松市では…\n",
       "221309", ""},
      {"bare ward name without its city", "中央区の運営方針\n\n中央区では…\n", "", ""},
      {"特別区 unique name alone", "世田谷区 行政経営改革計画\n\n世田谷区では…\n", "131121", ""},
      {"1-character stem alone", "津市の運営方針\n\n津市では…\n", "", ""},
      {"1-character stem with its prefecture", "三重県津市 運営方針\n\n津市では…\n", "242012", ""},
      {"1-character stem with its prefecture in parentheses after it",
       "津市(三重県) 運営方針\n\n津市では…\n", "242012", ""},
      {"市場 is not 市", "中央市場の再整備\n\n中央市場の運営を見直す。中央市場では…\n", "", ""},
      {"kana name inside kana", "お住まいの町づくり\n\nお住まいの町で安心して暮らせる。\n", "", ""},
      {"kana name after a particle",
       "総務課の方針\n\n" + Filler() +
           "本市は、桐生市とみどり市の境界で、隣のみどり市と協議します。\n",
       "102121", ""},
      {"town name as an address district",
       "菊川市 総務部の方針\n\n菊川市朝日町に新庁舎を建てます。菊川市朝日町の…\n", "222241", ""},
      {"東京都市町村 is 東京都, not 京都市", "総務部\n\n東京都市町村自治調査会の資料によれば…\n",
       "130001", ""},
      {"ヶ/ケ variants", "龍ヶ崎市役所 運営方針\n\n龍ヶ崎市では…\n", "082082", ""},
      {"a 郡 between prefecture and town", "静岡県榛原郡吉田町 運営方針\n\n本町では…\n", "224243",
       ""},
      {"本区域 is not a ward's self-reference",
       "総務課の方針\n\n" + Filler() + "菊川市では本区域の整備を進めます。菊川市の…\n", "222241",
       ""},
      {"本町通り is a street, not a town's self-reference",
       "総務課の方針\n\n" + Filler() + "菊川市では本町通りを整備します。菊川市の…\n", "222241", ""},
      {"a town's self-reference halves a city named as often",
       "総務課の方針\n\n" + Filler() + "本町では菊川市と協議します。菊川市の…\n", "", ""},
      {"self-reference favours the matching kind",
       "総務課の方針\n\n" + Filler() +
           "本町は、隣の菊川市と協力し、吉田町の職員研修を進めます。吉田町役場…\n",
       "224243", ""},
  };
  CheckDetect(cases);
}
