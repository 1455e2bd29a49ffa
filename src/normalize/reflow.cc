#include "normalize/reflow.h"

#include <algorithm>

#include "core/utf8.h"

namespace gyosei::normalize {
namespace {

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0; }

char32_t Ascii(char32_t c) {  // full-width ASCII to ASCII, enough for marker shapes
  return (c >= 0xFF01 && c <= 0xFF5E) ? c - 0xFEE0 : c;
}

// What reflow needs to know of a raw line.
struct LineFacts {
  int width = 0;
  bool indented = false;       // starts with an ideographic space: a new paragraph
  bool starts_item = false;    // starts with ①, (1), 1., ・, 第2, C3-1 ...
  bool ends_sentence = false;  // ends with 。 ： 」 ...
  // Two ASCII spaces between its words: a row of columns (a table row of a text dump,
  // 間接人件費   4,761   4,433), which never wraps into the next line.
  bool columns = false;
  char32_t first = 0, last = 0;
};

// A plan item's code: capitals and digits with a hyphenated sub-number (C3-1, No.3-2, NO3-2).
bool StartsWithItemCode(std::string_view s, size_t i) {
  char32_t c = Ascii(DecodeUtf8(s, i));
  int letters = 0;
  while (((c >= 'A' && c <= 'Z') || (letters > 0 && c >= 'a' && c <= 'z')) && i < s.size()) {
    ++letters;
    c = Ascii(DecodeUtf8(s, i));
  }
  if (letters == 0 || letters > 2) return false;
  if (c == '.' && i < s.size()) c = Ascii(DecodeUtf8(s, i));
  int digits = 0;
  while (IsAsciiDigit(c) && i < s.size()) {
    ++digits;
    c = Ascii(DecodeUtf8(s, i));
  }
  return digits > 0 && digits <= 2 && c == '-' && i < s.size() &&
         IsAsciiDigit(Ascii(DecodeUtf8(s, i)));
}

bool StartsWithNumberMarker(std::string_view s, size_t i) {
  if (StartsWithItemCode(s, i)) return true;
  char32_t c = Ascii(DecodeUtf8(s, i));
  if (c == '(') {  // (1) (ア) (a)
    if (i >= s.size()) return false;
    char32_t inner = Ascii(DecodeUtf8(s, i));
    while (IsAsciiDigit(inner) && i < s.size()) inner = Ascii(DecodeUtf8(s, i));
    if (inner == ')') return true;
    return i < s.size() && Ascii(DecodeUtf8(s, i)) == ')';
  }
  if (c == U'第') {
    return i < s.size() && IsAsciiDigit(Ascii(DecodeUtf8(s, i)));
  }
  bool digits = false;
  while (IsAsciiDigit(c) && i < s.size()) {
    digits = true;
    c = Ascii(DecodeUtf8(s, i));
  }
  if (!digits && !(IsKatakana(c) && c != U'ー' && i < s.size())) return false;
  if (!digits) c = Ascii(DecodeUtf8(s, i));
  return c == '.' || c == ')' || c == U'、' || c == ' ' || c == 0x3000 || c == U'．';
}

// A plan level and its number (基本目標1, 〈基本目標①〉, 施策の柱2, 基本目標Ⅱ): a heading of its
// own.
bool StartsWithLevel(std::string_view s, const CharTables& t) {
  size_t i = 0;
  char32_t c = Ascii(DecodeUtf8(s, i));
  if (t.markers.find(c) == std::u32string::npos && c != '<' && c != U'〈') i = 0;
  std::string_view rest = s.substr(i);
  for (const std::string& word : t.level_words) {
    if (!rest.starts_with(word)) continue;
    size_t j = word.size();
    c = j < rest.size() ? Ascii(DecodeUtf8(rest, j)) : 0;
    if (IsSpace(c) && j < rest.size()) c = Ascii(DecodeUtf8(rest, j));
    if (IsAsciiDigit(c) || (c >= U'Ⅰ' && c <= U'Ⅻ') || (c >= U'①' && c <= U'⑳')) return true;
  }
  return false;
}

// The character that decoding `s` from its start reads last, found from the end: decoding
// from the start never steps over a lead byte, so it reaches the last one; what it reads
// there is that character when its sequence ends the text, else U+FFFD for the bytes after.
char32_t LastChar(std::string_view s) {
  for (size_t back = 1; back <= 4 && back <= s.size(); ++back) {
    size_t i = s.size() - back;
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    char32_t c = DecodeUtf8(s, i);
    return i == s.size() ? c : 0xFFFD;
  }
  return 0xFFFD;
}

// `width`: DisplayWidth(text), which Reflow has already measured for the page's typical width.
LineFacts Inspect(std::string_view text, int width, const CharTables& t) {
  LineFacts f;
  size_t start = 0;
  while (start < text.size()) {
    size_t next = start;
    char32_t c = DecodeUtf8(text, next);
    if (!IsSpace(c)) break;
    if (c == 0x3000) f.indented = true;
    start = next;
  }
  size_t end = text.size();
  while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  std::string_view body = text.substr(start, end - start);
  f.width = width - static_cast<int>(text.size() - end);  // trailing spaces and tabs: 1 column each
  if (body.empty()) return f;
  size_t i = 0;
  f.first = DecodeUtf8(body, i);
  f.last = LastChar(body);
  f.starts_item = t.markers.find(f.first) != std::u32string::npos ||
                  StartsWithNumberMarker(body, 0) || StartsWithLevel(body, t);
  f.ends_sentence = t.ends.find(f.last) != std::u32string::npos;
  f.columns = body.find("  ") != std::string_view::npos;
  return f;
}

struct RawLine {
  size_t block;
  const Line* line;
  LineFacts facts;
};

// A table's numbered column printed with its numbers centred on their rows: a title wrapped on
// two lines has its number alone on a line of its own, before or between the title's lines
// (`2 シティセールス事業` / `定住移住に向けた` / `3` / `子育て支援事業` / `4` / `新規就農者` /
// `定住促進支援事業` / `5 …`), while a one-line title shares its number's line. Such a list is
// rebuilt into one logical line per item, its number first; only when every item's lines are
// told apart one way (a number alone means two lines or more; a one-line item takes nothing
// around it), else the lines are left to the ordinary joining.

// The list number a line starts with (1-2 digits), and whether the line is that number alone.
struct ListNumber {
  int value = -1;
  bool alone = false;
};

ListNumber ListNumberOf(std::string_view text) {
  size_t i = 0, before = 0;
  int value = 0, digits = 0;
  char32_t c = 0;
  while (i < text.size()) {
    before = i;
    c = Ascii(DecodeUtf8(text, i));
    if (!IsAsciiDigit(c)) break;
    value = value * 10 + static_cast<int>(c - '0');
    ++digits;
    before = i;
  }
  if (digits == 0 || digits > 2) return {};
  if (before >= text.size()) return {value, true};
  if (!IsSpace(c) || i >= text.size()) return {};
  size_t j = i;
  char32_t next = Ascii(DecodeUtf8(text, j));
  if (IsSpace(next) || IsAsciiDigit(next)) return {};
  return {value, false};
}

struct CentredItem {
  size_t number_line;
  std::vector<size_t> title_lines;
};

// The items of a centred list starting at run[first], and the index after its last line;
// empty when run[first] starts none.
std::vector<CentredItem> CentredList(const std::vector<RawLine>& run, size_t first, size_t& end) {
  constexpr size_t kMinItems = 3;
  struct Found {
    size_t line;
    ListNumber number;
  };
  std::vector<Found> items;
  std::vector<std::vector<size_t>> gaps;  // the text lines after each item, before the next
  for (size_t i = first; i < run.size() && run[i].block == run[first].block; ++i) {
    ListNumber n = ListNumberOf(run[i].line->text);
    if (n.value >= 0 && (items.empty() || n.value == items.back().number.value + 1)) {
      items.push_back({i, n});
      gaps.emplace_back();
      continue;
    }
    if (items.empty() || n.value >= 0 || run[i].line->text.empty()) break;
    gaps.back().push_back(i);
  }
  // The list ends with a one-line item; text after it is not the list's.
  while (!items.empty() && items.back().number.alone) {
    items.pop_back();
    gaps.pop_back();
  }
  bool any_alone =
      std::any_of(items.begin(), items.end(), [](const Found& f) { return f.number.alone; });
  if (items.size() < kMinItems || !any_alone || items.front().number.alone) return {};
  std::vector<CentredItem> out(items.size());
  // lines still to place before item k (the tail of the gap before it)
  std::vector<size_t> pending;
  for (size_t k = 0; k < items.size(); ++k) {
    out[k].number_line = items[k].line;
    if (!items[k].number.alone) {
      if (!pending.empty()) return {};  // text before a one-line item: not this layout
      if (!gaps[k].empty() && k + 1 < items.size() && !items[k + 1].number.alone) return {};
      pending = gaps[k];  // a one-line item takes nothing: the text after it is the next one's
      continue;
    }
    size_t before = pending.size();
    out[k].title_lines = pending;
    pending.clear();
    const std::vector<size_t>& gap = gaps[k];
    if (k + 1 < items.size() && !items[k + 1].number.alone) {
      out[k].title_lines.insert(out[k].title_lines.end(), gap.begin(), gap.end());
      if (out[k].title_lines.size() < 2 || before > gap.size() + 1) return {};
      continue;
    }
    // Between two numbers alone: the one split that gives this item two lines or more with its
    // number inside or right above them, and leaves the next item a line after its number.
    int splits = 0;
    size_t take = 0;
    for (size_t a = 0; a <= gap.size(); ++a) {
      if (before + a >= 2 && before <= a + 1) {
        ++splits;
        take = a;
      }
    }
    if (splits != 1) return {};
    out[k].title_lines.insert(out[k].title_lines.end(), gap.begin(),
                              gap.begin() + static_cast<long>(take));
    pending.assign(gap.begin() + static_cast<long>(take), gap.end());
  }
  end = items.back().line + 1;
  return out;
}

// Joins the lines of one run (a single block, or consecutive paragraph blocks).
// `in_cell`: the run is one table cell, whose column may be only a few characters wide.
// `page_typical`: the usual width of a running-text line on the page, for joins across blocks.
void ReflowRun(const std::vector<RawLine>& run, const CharTables& t, bool in_cell, int page_typical,
               std::vector<std::vector<LogicalLine>>& out) {
  // A narrow cell wraps after 3-4 characters (現状・/課題); its lines are judged against each
  // other only, so the floor that keeps short paragraph lines apart does not apply.
  const int min_width = in_cell ? 4 : t.min_width;
  constexpr size_t kWindow = 4;
  LogicalLine* current = nullptr;
  std::vector<int> widths;
  for (size_t i = 0; i < run.size(); ++i) {
    size_t list_end = 0;
    if (std::vector<CentredItem> items = CentredList(run, i, list_end); !items.empty()) {
      for (const CentredItem& item : items) {
        LogicalLine& line = out[run[i].block].emplace_back();
        line.push_back(Piece{run[item.number_line].line->text, run[item.number_line].line->loc});
        for (size_t t = 0; t < item.title_lines.size(); ++t) {
          const Line* l = run[item.title_lines[t]].line;
          line.push_back(Piece{l->text, l->loc, t == 0});
        }
      }
      current = nullptr;
      i = list_end - 1;
      continue;
    }
    const RawLine& raw = run[i];
    bool join = false;
    if (current != nullptr && i > 0) {
      const LineFacts& prev = run[i - 1].facts;
      // The typical width of the lines around: the median of the window's full-enough lines,
      // so one very wide or very short neighbour (a title, a wider paragraph) does not decide.
      // Within a block of several lines the block itself is the window: a blank line already
      // separates it from paragraphs laid out at other widths.
      size_t prev_block = run[i - 1].block;
      bool block_window = (i >= 2 && run[i - 2].block == prev_block) || raw.block == prev_block;
      widths.clear();
      for (size_t k = i - 1 >= kWindow ? i - 1 - kWindow : 0; k < std::min(run.size(), i + kWindow);
           ++k) {
        if (block_window && run[k].block != prev_block) continue;
        if (run[k].facts.width >= min_width) widths.push_back(run[k].facts.width);
      }
      int typical = 0;
      if (!widths.empty()) {
        std::nth_element(widths.begin(), widths.begin() + widths.size() / 2, widths.end());
        typical = widths[widths.size() / 2];
      }
      // Across a blank line (another block) only a clearly full line wraps: 総務部長 / 山田 花子
      // are two short lines that happen to be alike.
      // ... and as wide as the page's running text, not merely as its short neighbours.
      int floor = raw.block == prev_block ? min_width
                                          : std::max({min_width, t.min_width_between_blocks,
                                                      static_cast<int>(t.ratio * page_typical)});
      join = !prev.ends_sentence && !raw.facts.indented && !raw.facts.starts_item &&
             !prev.columns && !raw.facts.columns && prev.width >= floor &&
             prev.width >= t.ratio * typical;
    }
    if (!join) {
      current = &out[raw.block].emplace_back();
    }
    bool space = join && IsAsciiAlpha(run[i - 1].facts.last) && IsAsciiAlpha(raw.facts.first);
    current->push_back(Piece{raw.line->text, raw.line->loc, space});
  }
}

}  // namespace

std::vector<std::vector<LogicalLine>> Reflow(const Page& page, const CharTables& t) {
  std::vector<std::vector<LogicalLine>> out(page.blocks.size());
  std::vector<RawLine> run;
  bool in_cell = false;
  // Every line's width, measured once: the typical width and Inspect both need it.
  std::vector<std::vector<int>> line_widths(page.blocks.size());
  // The width most running-text lines of the page have (their 75th percentile).
  std::vector<int> widths;
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    const Block& block = page.blocks[b];
    line_widths[b].reserve(block.lines.size());
    for (const Line& l : block.lines) {
      int w = DisplayWidth(l.text);
      line_widths[b].push_back(w);
      if (block.kind == BlockKind::kParagraph && w >= t.min_width) widths.push_back(w);
    }
  }
  int page_typical = 0;
  if (!widths.empty()) {
    size_t k = widths.size() * 3 / 4;
    std::nth_element(widths.begin(), widths.begin() + k, widths.end());
    page_typical = widths[k];
  }
  auto flush = [&] {
    if (!run.empty()) ReflowRun(run, t, in_cell, page_typical, out);
    run.clear();
  };
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    const Block& block = page.blocks[b];
    bool paragraph = block.kind == BlockKind::kParagraph;
    if (!paragraph) flush();
    in_cell = block.kind == BlockKind::kTableCell;
    for (size_t l = 0; l < block.lines.size(); ++l) {
      const Line& line = block.lines[l];
      run.push_back(RawLine{b, &line, Inspect(line.text, line_widths[b][l], t)});
    }
    if (!paragraph) flush();
  }
  flush();
  return out;
}

}  // namespace gyosei::normalize
