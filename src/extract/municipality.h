// Municipalities: the 総務省 local-government code table (rules/lgcode.csv) and the two ways a
// document gets its municipality: named by the caller (--municipality) or found in the text.
//
//   auto table = MunicipalityTable::Load(rules);        // once; keep it, it is immutable
//   Expected<Municipality> m = table->Lookup("静岡県菊川市");   // evidence "caller"
//   MunicipalityGuess g = table->Detect(normalized_doc);        // evidence "text"
//
// Detect looks for the municipality the document is ABOUT, not every place it mentions. The
// words it reads around the names (particles, self-references, office words) are in
// rules/municipality/detect.rules. How:
//  * Scanning. At every 市 町 村 区 都 道 府 県 of a line, the names ending there (2 to 8
//    characters back) are looked up in a hash map; the longest wins, and of overlapping
//    matches the leftmost (東京都市町村 is 東京都, not 京都市). Lookups fold ヶ/ケ/ヵ and ノ/の
//    on both sides, because documents spell 龍ケ崎/龍ヶ崎 either way.
//  * Guards against names that are also ordinary words or parts of addresses:
//    - a 1-character stem (津市 堺市 港区 北区 森町 栄村 ...) counts only with its prefecture
//      written right before it (三重県津市) or in parentheses right after it (津市(三重県)), or
//      followed by a word naming its office (津市役所, 堺市長: [office] in
//      rules/municipality/detect.rules): 津市 is a city, but 本市/同市/全市 are not, and such
//      stems occur inside so many words that bare matches would be mostly noise;
//    - a name starting with kana must not continue a kana word: お住まいの町 is not いの町, while
//      隣のさいたま市 (after a particle) is さいたま市;
//    - a 町/村 directly after a city is a district of that city's address (…市朝日町), not the
//      town 朝日町;
//    - 市場 市街 市況 after a name end the match (中央市場 is not 中央市; [not_a_name]);
//    - a bare ward name (中央区 北区 見沼区) counts only when the ward's city (or 東京都 for a
//      特別区) is written in front of it or elsewhere in the document; a 特別区 whose name no
//      政令市 ward shares (世田谷区) also counts alone;
//    - a name shared by several prefectures (府中市 伊達市 池田町 ...) goes to one of them only
//      when its prefecture is written before it (広島県府中市), or exactly one candidate's
//      prefecture is named somewhere in the document; otherwise it is "ambiguous".
//  * Scoring. A mention weighs 1; 3 in the document's first lines (the title area), 2 in a
//    heading; +2 when its prefecture is written before it; +1 when a kanji follows, i.e. the
//    name starts a compound (横手市役所, 伊賀市広報戦略, 会津若松市行財政改革大綱): documents name
//    their own office and plans that way, while other places come up in passing (…市と連携).
//    +2 when the compound is a law of its own (神戸市市税条例, 横浜市個人情報保護条例: [own_law]):
//    a document cites its own municipality's ordinances, seldom another's.
//    Self-references (本市/当市, 当町, 当村, 本区/当区) multiply the candidates of that kind by
//    1.5 and the others by 0.5. A ward's mentions count for its city as well.
//  * Deciding. The best candidate wins if it scores at least 2 (one passing mention is not
//    evidence of what a document is about) and 1.5 times the runner-up (a city's own wards
//    are not its runners-up). A city whose score comes for at least 2/3 from one of its wards
//    gives way to that ward. Too close, or the best is an ambiguous name: no municipality and a
//    warning "ambiguous_municipality" naming the candidates. Nothing found: no municipality,
//    no warning. With no municipality found, a prefecture named on its own in the title area
//    (when no municipality scores 2 or more) or together with 本県/当県/本都/当都/本府/当府, and
//    with no 本市-style self-reference, is the document's: a prefecture's own document gets the
//    prefecture's row.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "extract/extraction.h"
#include "rules/rule_files.h"

namespace gyosei {

// One candidate Detect considered, for tools and tests that need to see why.
struct MunicipalityCandidate {
  Municipality municipality;  // evidence "text"
  double score = 0;
  int mentions = 0;
  bool ambiguous = false;  // a shared name no cue tied to one prefecture
};

struct MunicipalityGuess {
  std::optional<Municipality> municipality;       // evidence "text"
  std::vector<Warning> warnings;                  // "ambiguous_municipality"
  std::vector<MunicipalityCandidate> candidates;  // best first
};

class MunicipalityTable {
 public:
  // Reads "lgcode.csv" and the detection vocabulary "municipality/detect.rules" from the rule
  // files. Errors name file:line.
  static Expected<MunicipalityTable> Load(const RuleFiles& rules);
  // The table from CSV text (`origin` names it in messages), the vocabulary from `rules`.
  static Expected<MunicipalityTable> Parse(std::string_view csv, const std::string& origin,
                                           const RuleFiles& rules = RuleFiles::Builtin());

  // The caller's --municipality: a 6-digit code (check digit verified), a 5-digit code, a name
  // ("菊川市", ヶ/ケ and ノ/の variants), a prefecture-qualified name ("静岡県菊川市", also with a
  // 郡: "静岡県榛原郡吉田町"), a city-qualified ward ("浜松市中央区") or a prefecture ("東京都").
  // Errors: kInvalidArgument for an ambiguous name (the message lists every candidate with its
  // prefecture and code) or a malformed code, kNotFound for an unknown one. evidence "caller".
  Expected<Municipality> Lookup(std::string_view name_or_code) const;
  // Lookup without the reason: nullopt when unknown or ambiguous.
  std::optional<Municipality> Find(std::string_view name_or_code) const;

  // The municipality a normalized document is about; see the top of this file.
  MunicipalityGuess Detect(const Document& normalized) const;

  size_t size() const;

  struct Data;

 private:
  explicit MunicipalityTable(std::shared_ptr<const Data> data) : data_(std::move(data)) {}
  std::shared_ptr<const Data> data_;  // shared: copies of a table are cheap and immutable
};

}  // namespace gyosei
