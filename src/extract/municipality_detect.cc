// Detect: the municipality a document is about (the method is described in municipality.h).
#include <map>
#include <set>

#include "core/utf8.h"
#include "extract/municipality_data.h"

namespace gyosei {

using namespace municipality;

namespace {

constexpr int kTitleLines = 10;         // the first non-empty lines: title, department, author
constexpr double kMinScore = 2;         // below this a name is a passing mention
constexpr double kLead = 1.5;           // how far the winner must be ahead of the runner-up
constexpr double kWardShare = 2.0 / 3;  // a city scoring this much through one ward is the ward

// One name found in the text, before it is tied to a row.
struct Match {
  const Line* line = nullptr;
  size_t byte = 0;         // offset in line->text
  int begin = 0, end = 0;  // characters
  std::vector<int> full;   // rows whose whole name matched
  std::vector<int> bare;   // 政令市 wards whose name without the city matched
  bool prefecture = false;
  bool dropped = false;
  bool qualifies = false;  // a prefecture written right before a municipality
  int qualifier = -1;      // that prefecture's row, on the municipality
  double base = 1;         // where it stands: title area 3, heading 2, else 1
  bool compound = false;   // a kanji follows
  bool office = false;     // its office or officers follow (津市役所, 堺市長)
  bool own_law = false;    // its compound is a law of its own (神戸市市税条例: [own_law])
};

bool IsSpace(char32_t c) { return c == ' ' || c == 0x3000 || c == '\t'; }

struct SelfRefs {
  int municipal[static_cast<int>(SelfKind::kCount)] = {};
  int prefecture = 0;
  bool AnyMunicipal() const {
    for (int n : municipal)
      if (n) return true;
    return false;
  }
};

// Whether `word` is written at cps[at] (at may be past either end).
bool WrittenAt(const std::vector<char32_t>& cps, ptrdiff_t at, const std::u32string& word) {
  if (at < 0 || static_cast<size_t>(at) + word.size() > cps.size()) return false;
  return std::equal(word.begin(), word.end(), cps.begin() + at);
}

// 本市/当市 … say what kind of body wrote the document ([self_reference] in
// rules/municipality/detect.rules): 本町/本村 are also place names, so they count only before a
// particle; 日本市場 is not 本市, 本区域 is not 本区, 本都市 is "this city", not Tokyo.
void CountSelfRefs(const DetectWords& words, const std::vector<char32_t>& cps, SelfRefs& refs) {
  for (size_t i = 0; i < cps.size(); ++i) {
    if (cps[i] >= 0x10000 || !words.may_matter[cps[i]]) continue;
    for (const DetectWords::SelfWord& w : words.self_words) {
      if (!WrittenAt(cps, static_cast<ptrdiff_t>(i), w.word)) continue;
      const size_t after = i + w.word.size();
      if (w.before_particle && !(after < cps.size() && words.IsParticle(cps[after]))) continue;
      bool excepted = false;
      for (const auto& [text, offset] : w.excepts) {
        excepted = excepted ||
                   WrittenAt(cps, static_cast<ptrdiff_t>(i) - static_cast<ptrdiff_t>(offset), text);
      }
      if (excepted) continue;
      if (w.prefecture) {
        ++refs.prefecture;
      } else {
        ++refs.municipal[static_cast<int>(w.kind)];
      }
      break;
    }
  }
}

struct Tally {
  double score = 0;
  int mentions = 0;
  SourceLoc first;
  bool ambiguous = false;
  bool up_front = false;  // named in the title area
  std::vector<int> rows;  // one row, or the candidates of an ambiguous name

  void Add(double weight, const SourceLoc& loc) {
    if (mentions++ == 0) first = loc;
    score += weight;
  }
};

// What the whole document says that single mentions are resolved with.
struct DocumentFacts {
  std::set<std::string> prefectures_named;
  std::set<int> rows_named;      // written in full somewhere (a ward's city too)
  std::set<int> rows_qualified;  // written with their prefecture in front somewhere
};

// Finds the names on one line: the longest name ending at each name-final character, then of
// overlapping ones the leftmost, then the guards that need the line around a name.
class LineScanner {
 public:
  explicit LineScanner(const MunicipalityTable::Data& d) : d_(d) {}

  void Scan(const Line& line, double base, SelfRefs& self, std::vector<Match>& out) {
    if (!MayMatter(line.text)) return;
    const std::string folded = FoldKey(line.text);
    cps_.clear();
    offs_.clear();
    for (size_t i = 0; i < line.text.size();) {
      offs_.push_back(static_cast<uint32_t>(i));
      cps_.push_back(DecodeUtf8(line.text, i));
    }
    offs_.push_back(static_cast<uint32_t>(line.text.size()));
    CountSelfRefs(d_.words, cps_, self);
    const int n = static_cast<int>(cps_.size());

    found_.clear();
    int run_start = 0;  // names are runs of letters: no lookups across spaces or punctuation
    for (int i = 0; i < n; ++i) {
      if (!IsJapaneseLetter(cps_[i])) {
        run_start = i + 1;
        continue;
      }
      if (!d_.words.IsNameEnd(cps_[i])) continue;
      for (int len = std::min(d_.max_chars, i + 1 - run_start); len >= 2; --len) {
        const int begin = i + 1 - len;
        std::string_view key(folded.data() + offs_[begin], offs_[i + 1] - offs_[begin]);
        auto full = d_.by_key.find(key);
        auto bare = cps_[i] == U'区' ? d_.wards_by_bare.find(key) : d_.wards_by_bare.end();
        if (full == d_.by_key.end() && bare == d_.wards_by_bare.end()) continue;
        Match m;
        m.line = &line;
        m.byte = offs_[begin];
        m.begin = begin;
        m.end = i + 1;
        if (full != d_.by_key.end()) m.full = full->second;
        if (bare != d_.wards_by_bare.end()) m.bare = bare->second;
        m.prefecture = !m.full.empty() && d_.rows[m.full[0]].kind == Kind::kPrefecture;
        m.base = base;
        m.compound = m.end < n && IsHan(cps_[m.end]);
        for (const std::u32string& w : d_.words.office)
          m.office = m.office || WrittenAt(cps_, m.end, w);
        for (int k = m.end; k < n && IsHan(cps_[k]) && !m.own_law; ++k)
          for (const std::u32string& w : d_.words.own_law)
            m.own_law = m.own_law || WrittenAt(cps_, k, w);
        found_.push_back(std::move(m));
        break;
      }
    }
    // Overlaps: the leftmost wins (東京都市町村 is 東京都), then the longest.
    std::sort(found_.begin(), found_.end(), [](const Match& a, const Match& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    int covered = 0;
    Match* prev = nullptr;  // the last name kept on this line
    for (Match& m : found_) {
      if (m.begin < covered) {
        m.dropped = true;
        continue;
      }
      covered = m.end;
      Guard(m, prev);
      if (!m.dropped) prev = &m;
    }
    QualifyFromParentheses();
    for (Match& m : found_)
      if (!m.dropped) out.push_back(std::move(m));
  }

 private:
  // Whether the line holds a name-final character (市町村区都道府県) or the first character of a
  // self-reference (本 当): without one Scan finds nothing, and most lines of prose have none,
  // so they skip the decoding. These are all 3-byte characters: the bytes of one are read only
  // from a lead byte E0..EF (continuation bytes are below C0, so no match starts inside one).
  bool MayMatter(std::string_view s) const {
    const std::vector<bool>& matters = d_.words.may_matter;
    for (size_t i = 0; i + 2 < s.size(); ++i) {
      const auto b0 = static_cast<unsigned char>(s[i]);
      if ((b0 & 0xF0) != 0xE0) continue;
      const char32_t c = (char32_t{b0} & 0x0F) << 12 |
                         (char32_t{static_cast<unsigned char>(s[i + 1])} & 0x3F) << 6 |
                         (char32_t{static_cast<unsigned char>(s[i + 2])} & 0x3F);
      if (matters[c]) return true;
    }
    return false;
  }

  void Guard(Match& m, Match* prev) {
    const char32_t before = m.begin > 0 ? cps_[m.begin - 1] : 0;
    // お住まいの町 is not いの町, but 隣のさいたま市 is さいたま市: kana glued to a kana name is
    // part of a longer word unless it is a particle.
    if ((IsHiragana(cps_[m.begin]) && IsHiragana(before) && !d_.words.IsParticle(before)) ||
        (IsKatakana(cps_[m.begin]) && IsKatakana(before))) {
      m.dropped = true;
      return;
    }
    for (const std::u32string& w : d_.words.not_a_name) {
      if (w[0] == cps_[m.end - 1] && WrittenAt(cps_, m.end - 1, w)) {
        m.dropped = true;  // 中央市場 is not 中央市
        return;
      }
    }
    if (m.prefecture || !prev) return;
    const Kind kind = d_.rows[!m.full.empty() ? m.full[0] : m.bare[0]].kind;
    if (!prev->prefecture && prev->end == m.begin && kind != Kind::kCity) {
      m.dropped = true;  // …市朝日町: a district in the address of the city before it
      return;
    }
    // 静岡県菊川市, 静岡県 菊川市, 静岡県榛原郡吉田町
    if (!prev->prefecture) return;
    bool adjacent = prev->end == m.begin || (prev->end + 1 == m.begin && IsSpace(before));
    if (!adjacent && before == U'郡' && m.begin - prev->end <= 6) {
      adjacent = true;
      for (int k = prev->end; k < m.begin; ++k) adjacent = adjacent && IsHan(cps_[k]);
    }
    if (!adjacent) return;
    Qualify(m, *prev);
  }

  // `prefecture`, written next to `m`, ties it to its rows in that prefecture, if it has any.
  void Qualify(Match& m, Match& prefecture) const {
    const std::string& pref = d_.rows[prefecture.full[0]].prefecture;
    auto in_pref = [&](int r) { return d_.rows[r].prefecture == pref; };
    if (std::any_of(m.full.begin(), m.full.end(), in_pref) ||
        std::any_of(m.bare.begin(), m.bare.end(), in_pref)) {
      m.qualifier = prefecture.full[0];
      prefecture.qualifies = true;
    }
  }

  // 津市(三重県): the prefecture in parentheses right after a name qualifies it too.
  void QualifyFromParentheses() {
    const int n = static_cast<int>(cps_.size());
    auto open = [](char32_t c) { return c == '(' || c == U'（'; };
    auto close = [](char32_t c) { return c == ')' || c == U'）'; };
    Match* last = nullptr;
    for (Match& m : found_) {
      if (m.dropped) continue;
      if (last && m.prefecture && !last->prefecture && last->qualifier < 0 &&
          m.begin == last->end + 1 && open(cps_[last->end]) && m.end < n && close(cps_[m.end])) {
        Qualify(*last, m);
      }
      last = &m;
    }
  }

  const MunicipalityTable::Data& d_;
  std::vector<char32_t> cps_;
  std::vector<uint32_t> offs_;
  std::vector<Match> found_;
};

// The rows a municipality mention can stand for, after the guards that need the whole
// document. More than one: an ambiguous name.
std::vector<int> Resolve(const MunicipalityTable::Data& d, const Match& m,
                         const DocumentFacts& facts) {
  const bool qualified = m.qualifier >= 0;
  std::vector<int> cands;
  if (qualified) {
    const std::string& pref = d.rows[m.qualifier].prefecture;
    for (int r : m.full)
      if (d.rows[r].prefecture == pref) cands.push_back(r);
    for (int r : m.bare)
      if (d.rows[r].prefecture == pref) cands.push_back(r);
  } else {
    cands = m.full;
    for (int r : m.bare)  // a bare 政令市 ward name needs its city in the document
      if (facts.rows_named.contains(d.rows[r].city)) cands.push_back(r);
  }
  std::erase_if(cands, [&](int r) {
    if (qualified) return false;
    const Row& row = d.rows[r];
    const bool whole = std::find(m.full.begin(), m.full.end(), r) != m.full.end();
    // 津市, 北区 alone; 津市役所 and 堺市長 name themselves
    if ((whole ? row.stem_chars : row.bare_stem_chars) < 2 && !m.office) return true;
    // 中央区 alone may be any 政令市's; 世田谷区 can only be Tokyo's.
    return row.kind == Kind::kSpecialWard && !m.bare.empty() &&
           !facts.prefectures_named.contains(row.prefecture);
  });
  if (cands.size() > 1 && !qualified) {
    std::vector<int> with_pref, in_named_pref;
    for (int r : cands) {
      if (facts.rows_qualified.contains(r)) with_pref.push_back(r);
      if (facts.prefectures_named.contains(d.rows[r].prefecture)) in_named_pref.push_back(r);
    }
    if (with_pref.size() == 1) return with_pref;
    if (in_named_pref.size() == 1) return in_named_pref;
  }
  std::sort(cands.begin(), cands.end());
  return cands;
}

}  // namespace

MunicipalityGuess MunicipalityTable::Detect(const Document& doc) const {
  const Data& d = *data_;
  std::vector<Match> matches;
  SelfRefs self;
  LineScanner scanner(d);
  int line_index = 0;
  for (const Page& page : doc.pages) {
    for (const Block& block : page.blocks) {
      for (const Line& line : block.lines) {
        if (line.text.empty()) continue;
        ++line_index;
        const double base = line_index <= kTitleLines           ? 3
                            : block.kind == BlockKind::kHeading ? 2
                                                                : 1;
        scanner.Scan(line, base, self, matches);
      }
    }
  }

  DocumentFacts facts;
  for (const Match& m : matches) {
    if (m.prefecture) {
      facts.prefectures_named.insert(d.rows[m.full[0]].prefecture);
      continue;
    }
    for (int r : m.full) {
      facts.rows_named.insert(r);
      if (d.rows[r].city >= 0) facts.rows_named.insert(d.rows[r].city);
      if (m.qualifier >= 0 && d.rows[r].prefecture == d.rows[m.qualifier].prefecture)
        facts.rows_qualified.insert(r);
    }
  }

  std::map<std::vector<int>, Tally> tallies;  // key: the row, or an ambiguous name's rows
  std::map<int, Tally> prefecture_tallies;
  for (const Match& m : matches) {
    const SourceLoc loc = m.line->LocAt(m.byte);
    if (m.prefecture) {
      if (m.qualifies) continue;  // 静岡県 of 静岡県菊川市 speaks for 菊川市
      Tally& t = prefecture_tallies[m.full[0]];
      t.Add(m.base, loc);
      t.up_front = t.up_front || m.base == 3;
      continue;
    }
    std::vector<int> rows = Resolve(d, m, facts);
    if (rows.empty()) continue;
    const double weight = m.base + (m.qualifier >= 0 || m.own_law ? 2 : 0) + (m.compound ? 1 : 0);
    Tally& t = tallies[rows];
    t.Add(weight, loc);
    t.ambiguous = rows.size() > 1;
    t.rows = rows;
    if (rows.size() == 1 && d.rows[rows[0]].city >= 0) {  // a ward speaks for its city too
      Tally& c = tallies[{d.rows[rows[0]].city}];
      c.Add(weight, loc);
      c.rows = {d.rows[rows[0]].city};
    }
  }

  // Self-references weigh the candidates of the matching kind up and the others down.
  if (self.AnyMunicipal()) {
    for (auto& [key, t] : tallies) {
      t.score *= self.municipal[static_cast<int>(SelfKindOf(d.rows[t.rows[0]].kind))] ? 1.5 : 0.5;
    }
  }

  std::vector<const Tally*> ranked;
  for (const auto& [key, t] : tallies) ranked.push_back(&t);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Tally* a, const Tally* b) { return a->score > b->score; });

  MunicipalityGuess guess;
  for (const Tally* t : ranked) {
    for (int r : t->rows) {
      guess.candidates.push_back(
          MunicipalityCandidate{d.ToMunicipality(r, "text"), t->score, t->mentions, t->ambiguous});
    }
  }
  auto related = [&](const Tally* a, const Tally* b) {  // a city and one of its wards
    if (a->ambiguous || b->ambiguous) return false;
    int x = a->rows[0], y = b->rows[0];
    return d.rows[x].city == y || d.rows[y].city == x;
  };
  auto describe = [&](const Tally* t) {
    std::string s;
    for (int r : t->rows) {
      if (!s.empty()) s += ", ";
      s += d.Display(r) + " (" + d.rows[r].code + ")";
    }
    return s + " named " + std::to_string(t->mentions) + (t->mentions == 1 ? " time" : " times");
  };

  const bool municipality_named = !ranked.empty() && ranked[0]->score >= kMinScore;
  std::optional<Warning> ambiguity;
  if (municipality_named) {
    const Tally* top = ranked[0];
    const Tally* runner = nullptr;
    for (size_t i = 1; i < ranked.size() && !runner; ++i)
      if (!related(top, ranked[i])) runner = ranked[i];
    if (top->ambiguous) {
      ambiguity = Warning{"ambiguous_municipality",
                          d.rows[top->rows[0]].name +
                              " is the name of more than one municipality: " + describe(top) +
                              "; none chosen (the prefecture is not written with it; pass "
                              "--municipality)",
                          top->first};
    } else if (runner && top->score < kLead * runner->score) {
      ambiguity = Warning{"ambiguous_municipality",
                          "no clear municipality: " + describe(top) + "; " + describe(runner) +
                              "; none chosen (pass --municipality)",
                          top->first};
    } else {
      int winner = top->rows[0];
      // A city named mostly as the city of one ward: the document is the ward's.
      for (const Tally* t : ranked) {
        if (!t->ambiguous && d.rows[t->rows[0]].city == winner &&
            t->score >= kWardShare * top->score) {
          winner = t->rows[0];
          break;
        }
      }
      guess.municipality = d.ToMunicipality(winner, "text");
      return guess;
    }
  }

  // No municipality: a prefecture's own document calls itself 本県/当県/本都 …, or names the
  // prefecture up front and no municipality with any weight (a city's document may well have
  // 静岡県 in its first lines); and it never says 本市.
  if (!self.AnyMunicipal() && !prefecture_tallies.empty()) {
    const std::pair<const int, Tally>* best = nullptr;
    bool tie = false;
    for (const auto& entry : prefecture_tallies) {
      if (!best || entry.second.score > best->second.score) {
        best = &entry;
        tie = false;
      } else if (entry.second.score == best->second.score) {
        tie = true;
      }
    }
    if (!tie && (self.prefecture > 0 || (best->second.up_front && !municipality_named))) {
      guess.municipality = d.ToMunicipality(best->first, "text");
      return guess;
    }
  }
  if (ambiguity) guess.warnings.push_back(std::move(*ambiguity));
  return guess;
}

}  // namespace gyosei