#include "normalize/normalize.h"

#include <optional>
#include <vector>

#include "core/utf8.h"
#include "normalize/char_tables.h"
#include "normalize/reflow.h"

namespace gyosei {

struct Normalizer::Tables : normalize::CharTables {
  explicit Tables(normalize::CharTables t) : CharTables(std::move(t)) {}
};

namespace {

using normalize::CharTables;
using normalize::Piece;

// One folded character and where it came from.
struct Unit {
  char32_t cp;
  uint32_t piece;
  uint32_t src;    // byte offset in the piece's text
  uint32_t token;  // index of the space-separated token it belongs to (before folding spaces away)
  // Bytes of the source character that this unit reproduces exactly (it is that character,
  // unfolded, validly encoded and not a space, whose fate the space policy decides), or 0: lets
  // FoldLine copy runs of such units as they are.
  uint8_t verbatim_length;
};

bool IsSpaceUnit(char32_t c) { return c == ' ' || c == '\t'; }

// How many bytes AppendUtf8 writes for cp (invalid code points become U+FFFD).
size_t EncodedLength(char32_t cp) {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;  // a surrogate becomes U+FFFD: 3 bytes as well
  return cp <= 0x10FFFF ? 4 : 3;
}

// A character written back as the bytes it was read from: valid and shortest UTF-8 (invalid
// and overlong sequences become U+FFFD) and not a space, whose fate depends on the whole line.
bool KeepsItsBytes(char32_t cp, size_t length) {
  return !IsSpaceUnit(cp) && EncodedLength(cp) == length;
}

// Folds the pieces' characters into units.
void FoldPieces(const std::vector<Piece>& pieces, const CharTables& t, std::vector<Unit>& units) {
  units.clear();
  for (uint32_t p = 0; p < pieces.size(); ++p) {
    std::string_view s = pieces[p].text;
    if (pieces[p].space_before) units.push_back(Unit{' ', p, 0, 0, 0});
    for (size_t i = 0; i < s.size();) {
      uint32_t src = static_cast<uint32_t>(i);
      char32_t cp = DecodeUtf8(s, i);
      const std::u32string* folded = t.Fold(cp);
      std::u32string_view out = folded ? std::u32string_view(*folded) : std::u32string_view(&cp, 1);
      bool kept = !folded && KeepsItsBytes(cp, i - src);
      uint8_t verbatim = kept ? static_cast<uint8_t>(i - src) : 0;
      for (char32_t c : out) {
        if ((c == 0x3099 || c == 0x309A) && !units.empty()) {
          if (char32_t composed = t.Compose(units.back().cp, c)) {
            units.back().cp = composed;
            units.back().verbatim_length = 0;
            continue;
          }
        }
        units.push_back(Unit{c, p, src, 0, verbatim});
      }
    }
  }
}

// Numbers the space-separated tokens (Unit::token). Only SpacePolicy reads them, so a line
// without spaces never pays for this.
void AssignTokens(std::vector<Unit>& units) {
  uint32_t token = 0;
  bool in_space = false;
  for (Unit& u : units) {
    bool space = IsSpaceUnit(u.cp);
    if (!space && in_space) ++token;
    in_space = space;
    u.token = token;
  }
}

// Which space between two units survives (see normalize.h, step 3).
class SpacePolicy {
 public:
  explicit SpacePolicy(std::vector<Unit>& units) {
    AssignTokens(units);
    // Per token: how many characters, and whether all are kanji/kana; whether token 0 is a number.
    for (const Unit& u : units) {
      if (IsSpaceUnit(u.cp)) continue;
      if (u.token >= tokens_.size()) tokens_.resize(u.token + 1);
      Token& tk = tokens_[u.token];
      ++tk.length;
      tk.all_letters &= IsJapaneseLetter(u.cp);
      tk.all_digits &= IsAsciiDigit(u.cp);
    }
  }

  // Whether the space between units[prev_index] and units[next_index] stays.
  bool Keep(const std::vector<Unit>& units, size_t prev_index, size_t next_index) const {
    const Unit& prev = units[prev_index];
    const Unit& next = units[next_index];
    char32_t p = prev.cp, n = next.cp;
    char32_t before_prev = prev_index > 0 ? units[prev_index - 1].cp : 0;
    if (IsCjkPunctuation(p) || IsCjkPunctuation(n)) return false;
    // 令和 3 年度, 平成13 年: PDF spacing inside a date or quantity. Tokens with other signs
    // ("3-3:災害に強い…  5-3:市民が…", "No 7-1-1") are items of their own and keep the space.
    if (IsAsciiDigit(p) && IsJapaneseLetter(n)) {
      // Only a date part closes up (平成13 年 3月, 令和 3 年度): before anything else the space
      // may separate a number from words — 1 定員管理計画の推進, 基本目標2 人の流れをつくる,
      // 10 人や国の不平等をなくそう — and joining would make a quantity (2人) out of a label.
      bool date_part = n == U'年' || n == U'月' || n == U'日';
      if (!date_part && !IsStandaloneNumber(units, prev_index)) return true;
      return IsItemCode(units, prev_index, -1) ||
             (prev.token == FirstToken() && tokens_[prev.token].all_digits);
    }
    if (IsJapaneseLetter(p) && IsAsciiDigit(n)) return IsItemCode(units, next_index, +1);
    if (p == ',' && IsAsciiDigit(before_prev) && IsAsciiDigit(n)) return false;  // 6, 500
    if (IsAsciiDigit(p) && n == '%') return false;
    if (IsJapaneseLetter(p) && IsJapaneseLetter(n)) {
      // Letter-spaced justification: 住 み 続 け, 部 名. Names (大石 芳正) keep their space.
      return !(Single(prev.token) && Single(next.token));
    }
    return true;
  }

 private:
  struct Token {
    int length = 0;
    bool all_letters = true;
    bool all_digits = true;
  };
  // The number run through units[from] (walking `step`: -1 back, +1 forward) is an item code
  // (3-3:, 7-1-1, 10/1) rather than a quantity or a date part (令和 3 年度, 発信回数:460 回).
  static bool IsItemCode(const std::vector<Unit>& units, size_t from, int step) {
    bool sign = false;
    for (size_t i = from; i < units.size(); i += static_cast<size_t>(step)) {
      char32_t c = units[i].cp;
      if (IsAsciiDigit(c) || c == ',' || c == '.') continue;
      if (c == '-' || c == '/' || (c == ':' && step > 0)) {
        sign = true;
        continue;
      }
      break;
    }
    return sign;
  }

  // The number ending at units[end] stands on its own (after a space, ':' or '(', or first):
  // 発信回数:460 回, 職員数 1,027 名 — a value and its unit that PDF spacing pulled apart — as
  // opposed to 基本目標2 人の流れ, where the number belongs to the word before it.
  static bool IsStandaloneNumber(const std::vector<Unit>& units, size_t end) {
    size_t i = end;
    while (i > 0 && (IsAsciiDigit(units[i].cp) || units[i].cp == ',' || units[i].cp == '.')) --i;
    if (IsAsciiDigit(units[i].cp)) return true;  // the line starts with the number
    char32_t c = units[i].cp;
    return c == ' ' || c == '\t' || c == ':' || c == '(' || c == U'、';
  }

  uint32_t FirstToken() const {
    for (uint32_t i = 0; i < tokens_.size(); ++i)
      if (tokens_[i].length > 0) return i;
    return 0;
  }
  bool Single(uint32_t token) const {
    return token < tokens_.size() && tokens_[token].length == 1 && tokens_[token].all_letters;
  }
  std::vector<Token> tokens_;
};

// Dashes by their neighbours (dashes.rules).
char32_t ResolveDash(char32_t c, char32_t prev, char32_t next, const CharTables& t) {
  if (!t.MayBeDash(c)) return c;  // nearly every character: one bit test, not two searches
  bool hyphen = t.hyphens.find(c) != std::u32string::npos;
  bool dash = t.dashes.find(c) != std::u32string::npos;
  bool long_vowel = c == t.long_vowel;
  if (!hyphen && !dash && !long_vowel) return c;
  if (IsAsciiDigit(prev) && IsAsciiDigit(next)) return '-';
  if (IsKatakana(prev) && prev != 0 && (IsKatakana(next) || IsHiragana(next) || next == 0) &&
      !(hyphen && next == 0)) {
    return t.long_vowel;
  }
  if (hyphen) return '-';
  if (dash) return U'―';
  return c;
}

// The line starts where its first anchor points. One anchor at offset 0 that matches the
// line's own loc says nothing LocAt needs.
void SettleAnchors(Line& line) {
  if (line.anchors.empty()) return;
  line.loc = line.anchors.front().loc;
  if (line.anchors.size() == 1) line.anchors.clear();
}

// The bytes of one character that folding passes through unchanged: it does not fold, is
// not a combining kana mark (which may compose with the character before), and keeps its
// bytes. Dashes are left to the caller, who knows the neighbours.
bool PassesThrough(char32_t cp, size_t length, const CharTables& t) {
  if (cp == 0x3099 || cp == 0x309A || t.Fold(cp)) return false;
  return KeepsItsBytes(cp, length);
}

// The character after byte i of pieces[p] (in a later piece when pieces[p] ends there), or 0.
char32_t NextChar(const std::vector<Piece>& pieces, size_t p, size_t i) {
  for (; p < pieces.size(); ++p, i = 0) {
    if (i < pieces[p].text.size()) return DecodeUtf8(pieces[p].text, i);
  }
  return 0;
}

// FoldLine for a line whose every character passes through: the text is the pieces' bytes and
// each non-empty piece starts an anchor, as the unit walk below would make them. Most lines of
// running text are like this (a dash such as the long-vowel mark between katakana resolves to
// itself), and they skip building a Unit per character.
std::optional<Line> CopyLine(const std::vector<Piece>& pieces, const CharTables& t) {
  size_t total = 0;
  char32_t prev = 0;
  for (size_t p = 0; p < pieces.size(); ++p) {
    if (pieces[p].space_before) return std::nullopt;
    std::string_view s = pieces[p].text;
    for (size_t i = 0; i < s.size();) {
      size_t start = i;
      char32_t cp = DecodeUtf8(s, i);
      if (!PassesThrough(cp, i - start, t)) return std::nullopt;
      if (t.MayBeDash(cp) && ResolveDash(cp, prev, NextChar(pieces, p, i), t) != cp)
        return std::nullopt;
      prev = cp;
    }
    total += s.size();
  }
  Line line;
  line.text.reserve(total);
  for (const Piece& piece : pieces) {
    if (piece.text.empty()) continue;
    line.anchors.push_back(Anchor{static_cast<uint32_t>(line.text.size()), piece.loc});
    line.text += piece.text;
  }
  SettleAnchors(line);
  return line;
}

// Starts an anchor at output offset `at` for unit u when u comes from another piece than the
// last anchor or the output has moved against the source since (a fold changed a length).
void AnchorAt(const Unit& u, uint32_t at, const std::vector<Piece>& pieces, Line& line,
              uint32_t& anchor_piece, int64_t& delta) {
  int64_t here = static_cast<int64_t>(at) - u.src;
  if (u.piece == anchor_piece && here == delta) return;
  SourceLoc loc = pieces[u.piece].loc;
  loc.column += static_cast<int>(u.src);
  line.anchors.push_back(Anchor{at, loc});
  anchor_piece = u.piece;
  delta = here;
}

// Steps 2 and 3 of normalize.h on one logical line.
Line FoldLine(const std::vector<Piece>& pieces, const CharTables& t, std::vector<Unit>& units) {
  if (std::optional<Line> copied = CopyLine(pieces, t)) return std::move(*copied);
  FoldPieces(pieces, t, units);
  std::optional<SpacePolicy> spaces;  // built at the first space that needs a decision
  Line line;
  std::string& out = line.text;
  out.reserve(units.size() * 3);
  const Unit* prev = nullptr;  // last unit written
  size_t prev_index = 0;
  bool pending_space = false;
  int64_t delta = 0;  // output offset minus source offset since the last anchor
  uint32_t anchor_piece = UINT32_MAX;
  uint32_t run = 0;  // spaces since the last unit written
  for (size_t i = 0; i < units.size(); ++i) {
    const Unit& u = units[i];
    if (IsSpaceUnit(u.cp)) {
      pending_space = prev != nullptr;
      run += pending_space;
      continue;
    }
    if (pending_space) {
      if (!spaces) spaces.emplace(units);
      if (spaces->Keep(units, prev_index, i)) out += ' ';
      if (run >= 2) line.space_runs.push_back(SpaceRun{static_cast<uint32_t>(out.size()), run});
    }
    pending_space = false;
    run = 0;
    if (u.verbatim_length != 0 && !t.MayBeDash(u.cp)) {
      // A run of characters that stay as they are, from one piece without gaps: the output
      // grows as the source offset does, so the anchor decided for its first unit holds for all.
      AnchorAt(u, static_cast<uint32_t>(out.size()), pieces, line, anchor_piece, delta);
      size_t end = u.src + u.verbatim_length, j = i + 1;
      for (; j < units.size(); ++j) {
        const Unit& v = units[j];
        if (v.piece != u.piece || v.src != end || v.verbatim_length == 0 || t.MayBeDash(v.cp))
          break;
        end += v.verbatim_length;
      }
      out.append(pieces[u.piece].text, u.src, end - u.src);
      i = j - 1;
      prev = &units[i];
      prev_index = i;
      continue;
    }
    char32_t next = 0;
    if (i + 1 < units.size() && !IsSpaceUnit(units[i + 1].cp)) next = units[i + 1].cp;
    char32_t cp = ResolveDash(u.cp, prev ? prev->cp : 0, next, t);
    AnchorAt(u, static_cast<uint32_t>(out.size()), pieces, line, anchor_piece, delta);
    AppendUtf8(cp, out);
    prev = &u;
    prev_index = i;
  }
  SettleAnchors(line);
  return line;
}

}  // namespace

Normalizer::Normalizer(std::unique_ptr<const Tables> tables) : tables_(std::move(tables)) {}
Normalizer::~Normalizer() = default;

Expected<std::shared_ptr<const Normalizer>> Normalizer::Create(const RuleFiles& rules) {
  auto tables = normalize::BuildCharTables(rules);
  if (!tables) return tables.status();
  return std::make_shared<const Normalizer>(
      std::make_unique<const Tables>(std::move(tables).value()));
}

std::string Normalizer::NormalizeLine(std::string_view text) const {
  std::vector<Unit> units;
  return FoldLine({Piece{text, {}, false}}, *tables_, units).text;
}

Document Normalizer::Normalize(const Document& raw) const { return Normalize(Document(raw)); }

Document Normalizer::Normalize(Document&& raw) const {
  Document doc;
  doc.path = raw.path;
  doc.sha256 = raw.sha256;
  doc.format = raw.format;
  doc.encoding = raw.encoding;
  doc.page_count = raw.page_count;
  doc.warnings = raw.warnings;
  doc.normalized = true;
  std::vector<Unit> units;  // reused across lines: no allocation per line once warm
  doc.pages.reserve(raw.pages.size());
  for (Page& page : raw.pages) {
    Page& out_page = doc.pages.emplace_back();
    out_page.number = page.number;
    std::vector<std::vector<normalize::LogicalLine>> logical = normalize::Reflow(page, *tables_);
    for (size_t b = 0; b < page.blocks.size(); ++b) {
      if (logical[b].empty()) continue;
      const Block& in = page.blocks[b];
      Block out{in.kind, in.level, in.table, in.row, in.column, {}};
      for (const normalize::LogicalLine& pieces : logical[b]) {
        Line line = FoldLine(pieces, *tables_, units);
        if (!line.text.empty()) out.lines.push_back(std::move(line));
      }
      if (!out.lines.empty()) out_page.blocks.push_back(std::move(out));
    }
    page = Page{};  // folded: the raw page's memory goes now, not with the whole document
  }
  // A table's cells hold the page's lines again: each is folded on its own (cells do not
  // reflow into one another), keeping its location.
  doc.tables = std::move(raw.tables);
  for (Table& table : doc.tables) {
    for (TableCell& cell : table.cells) {
      for (Line& line : cell.lines) {
        line = FoldLine({Piece{line.text, line.loc, false}}, *tables_, units);
      }
      std::erase_if(cell.lines, [](const Line& l) { return l.text.empty(); });
    }
  }
  return doc;
}

}  // namespace gyosei
