// Internal to the municipality table (municipality_table.cc loads it, municipality_lookup.cc
// and municipality_detect.cc read it): the rows of lgcode.csv, their indexes and the words of
// rules/municipality/detect.rules detection reads with.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/municipality.h"

namespace gyosei {
namespace municipality {

enum class Kind : uint8_t { kPrefecture, kCity, kTown, kVillage, kSpecialWard, kCityWard };

// What a self-reference (本市, 当町 ...) can point at: 政令市 and 市 alike are 市.
enum class SelfKind : uint8_t { kCity, kTown, kVillage, kWard, kCount };

inline SelfKind SelfKindOf(Kind k) {
  switch (k) {
    case Kind::kTown:
      return SelfKind::kTown;
    case Kind::kVillage:
      return SelfKind::kVillage;
    case Kind::kSpecialWard:
    case Kind::kCityWard:
      return SelfKind::kWard;
    default:
      return SelfKind::kCity;
  }
}

struct Row {
  std::string code;
  std::string prefecture;
  std::string name;
  Kind kind = Kind::kCity;
  int city = -1;            // a 政令市 ward's city
  std::string bare;         // a 政令市 ward's name without its city ("北区"); else the name
  int stem_chars = 0;       // characters of `name` before its 市/町/村/区
  int bare_stem_chars = 0;  // the same for `bare`
  bool northern = false;    // one of the six 北方領土 villages the list carries
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// Characters (code points) of a UTF-8 string.
size_t CountChars(std::string_view s);
// ヶ/ケ/ヵ and ノ/の are spelled either way in documents (龍ケ崎市 / 龍ヶ崎市, 上ノ国町 /
// 上の国町); keys fold them to one. All five are 3 bytes in UTF-8, so byte offsets survive the
// folding.
std::string FoldKey(std::string_view s);
bool AllAsciiDigits(std::string_view s);

// What detection reads around the names: rules/municipality/detect.rules, and the characters
// the table's names end with.
struct DetectWords {
  struct SelfWord {
    std::u32string word;  // 本市
    bool prefecture = false;
    SelfKind kind = SelfKind::kCity;  // when not a prefecture's
    bool before_particle = false;     // counts only before a particle (本町)
    std::vector<std::pair<std::u32string, size_t>> excepts;  // 日本市: the word at offset 1
  };
  std::vector<SelfWord> self_words;
  std::u32string particles;
  std::vector<std::u32string> not_a_name;  // 市場: a name ending in 市 followed by 場
  std::vector<std::u32string> office;      // 役所, 長: after a name, the municipality itself
  std::vector<std::u32string> own_law;     // 条例: ending a name's compound, its own law
  // By code point (the Basic Multilingual Plane): the last characters of the table's names,
  // and those plus the first characters of the self-references (a line without one of these
  // cannot name a municipality).
  std::vector<bool> name_end, may_matter;

  bool IsParticle(char32_t c) const { return particles.find(c) != std::u32string::npos; }
  bool IsNameEnd(char32_t c) const { return c < name_end.size() && name_end[c]; }
};

// Reads rules/municipality/detect.rules from `rules` into `words` (name_end and may_matter
// are the caller's). Errors name file:line, all of them at once.
Status LoadDetectWords(const RuleFiles& rules, DetectWords& words);

}  // namespace municipality

struct MunicipalityTable::Data {
  using Row = municipality::Row;
  using Kind = municipality::Kind;
  template <typename V>
  using StringMap = municipality::StringMap<V>;

  std::vector<Row> rows;
  StringMap<std::vector<int>> by_key;         // FoldKey(name) -> rows; wards with their city
  StringMap<std::vector<int>> wards_by_bare;  // FoldKey("北区") -> 政令市 wards
  StringMap<int> by_code;
  StringMap<int> by_code5;
  StringMap<int> prefectures;  // "静岡県" -> its row
  int max_chars = 0;           // longest key, in characters
  municipality::DetectWords words;

  std::string Display(int r) const {
    const Row& row = rows[r];
    return row.kind == Kind::kPrefecture ? row.name : row.prefecture + row.name;
  }
  Municipality ToMunicipality(int r, const char* evidence) const {
    const Row& row = rows[r];
    return Municipality{row.name, row.prefecture, row.code, evidence};
  }
  // Rows for a folded name: full names, then bare 政令市 ward names.
  std::vector<int> NameCandidates(std::string_view key) const {
    std::vector<int> out;
    if (auto it = by_key.find(key); it != by_key.end()) out = it->second;
    if (auto it = wards_by_bare.find(key); it != wards_by_bare.end()) {
      for (int r : it->second)
        if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    }
    return out;
  }
};

}  // namespace gyosei
