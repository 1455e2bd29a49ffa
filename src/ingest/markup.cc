#include "ingest/markup.h"

#include "core/csv.h"
#include "core/utf8.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace gyosei::ingest {
namespace {

// Tags after which text starts on a new line. Everything else (<b>, <span>, <a>) is inline.
constexpr std::array<std::string_view, 24> kBlockTags = {
    "p",  "br", "li", "ul", "ol", "div", "tr", "td", "th", "table", "tbody",   "thead",
    "h1", "h2", "h3", "h4", "h5", "h6",  "hr", "dd", "dt", "dl",    "section", "blockquote"};

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// A tag at text[pos] ('<'): its lower-case name, whether it closes, and where it ends.
struct Tag {
  std::string name;
  bool closing = false;
  size_t end = 0;  // one past '>'
};

bool ParseTag(std::string_view text, size_t pos, Tag& tag) {
  size_t i = pos + 1;
  if (i < text.size() && text[i] == '/') {
    tag.closing = true;
    ++i;
  } else {
    tag.closing = false;
  }
  if (i < text.size() && text[i] == '!') {  // <!-- comment --> or <!DOCTYPE>
    size_t close = text.substr(i).starts_with("!--") ? text.find("-->", i) : text.find('>', i);
    if (close == std::string_view::npos) return false;
    tag.name = "!";
    tag.end = close + (text[close] == '>' ? 1 : 3);
    return true;
  }
  size_t name_start = i;
  while (i < text.size() &&
         ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z') ||
          (text[i] >= '0' && text[i] <= '9')))
    ++i;
  if (i == name_start || i - name_start > 10) return false;
  if (i < text.size() && !(IsAsciiSpace(text[i]) || text[i] == '>' || text[i] == '/')) return false;
  size_t close = text.find('>', i);
  if (close == std::string_view::npos) return false;
  tag.name.assign(text.substr(name_start, i - name_start));
  std::transform(tag.name.begin(), tag.name.end(), tag.name.begin(), ToLowerAscii);
  tag.end = close + 1;
  return true;
}

// The value of a numeric attribute (rowspan="2", colspan=3) in a tag's source, 1 when absent
// or unreadable; capped so that a broken value cannot make a huge grid.
int SpanAttribute(std::string_view tag, std::string_view name) {
  std::string lower(tag);
  std::transform(lower.begin(), lower.end(), lower.begin(), ToLowerAscii);
  size_t at = lower.find(name);
  if (at == std::string::npos) return 1;
  size_t i = at + name.size();
  while (i < lower.size() &&
         (IsAsciiSpace(lower[i]) || lower[i] == '=' || lower[i] == '"' || lower[i] == '\''))
    ++i;
  int value = 0;
  while (i < lower.size() && lower[i] >= '0' && lower[i] <= '9' && value < 1000)
    value = value * 10 + (lower[i++] - '0');
  return std::clamp(value, 1, 100);
}

Table NewTable(TableSource source) {
  Table table;
  table.source = source;
  return table;
}

// A table's size from its cells; tables without cells are dropped.
void FinishTables(std::vector<Table>& tables, size_t from) {
  for (size_t t = from; t < tables.size(); ++t) {
    Table& table = tables[t];
    for (const TableCell& c : table.cells) {
      table.rows = std::max(table.rows, c.row + c.row_span);
      table.columns = std::max(table.columns, c.column + c.column_span);
    }
  }
  std::erase_if(tables, [](const Table& t) { return t.cells.empty(); });
}

bool IsBlockTag(std::string_view name) {
  return std::find(kBlockTags.begin(), kBlockTags.end(), name) != kBlockTags.end();
}

// "・a ・b ・c" on one line (an HTML list flattened by the export) -> three lines.
void SplitInlineBullets(std::string_view text, SourceLoc loc, std::vector<Line>& out) {
  constexpr std::string_view kBullet = "・";
  std::string_view rest = text;
  if (!rest.starts_with(kBullet)) {
    out.push_back(Line{std::string(text), loc, {}, {}});
    return;
  }
  size_t offset = 0;
  while (true) {
    size_t next = rest.find(" ・", kBullet.size());
    std::string_view piece = TrimAscii(rest.substr(0, next));
    if (!piece.empty()) {
      SourceLoc at = loc;
      at.column += static_cast<int>(offset);
      out.push_back(Line{std::string(piece), at, {}, {}});
    }
    if (next == std::string_view::npos) break;
    offset += next + 1;
    rest.remove_prefix(next + 1);
  }
}

Block& OpenBlock(Page& page, BlockKind kind, int level = 0) {
  Block& b = page.blocks.emplace_back();
  b.kind = kind;
  b.level = level;
  return b;
}

}  // namespace

std::string DecodeEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      // Text up to the next '&' is copied as one run, not a byte at a time.
      size_t amp = std::min(text.find('&', i), text.size());
      out.append(text.substr(i, amp - i));
      i = amp - 1;
      continue;
    }
    size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    std::string_view name = text.substr(i + 1, semi - i - 1);
    char32_t cp = 0;
    if (name == "gt")
      cp = '>';
    else if (name == "lt")
      cp = '<';
    else if (name == "amp")
      cp = '&';
    else if (name == "quot")
      cp = '"';
    else if (name == "apos")
      cp = '\'';
    else if (name == "nbsp")
      cp = ' ';
    else if (name.size() > 1 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      bool valid = !digits.empty();
      for (char c : digits) {
        int d = (c >= '0' && c <= '9')                          ? c - '0'
                : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                                : -1;
        if (d < 0 || cp > 0x10FFFF) {
          valid = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
      }
      if (!valid) cp = 0;
    }
    if (cp == 0) {
      out += '&';
      continue;
    }
    AppendUtf8(cp, out);
    i = semi;
  }
  return out;
}

bool HasHtmlTag(std::string_view text) {
  for (size_t pos = text.find('<'); pos != std::string_view::npos; pos = text.find('<', pos + 1)) {
    Tag tag;
    if (ParseTag(text, pos, tag)) return true;
  }
  return false;
}

void AppendFragmentLines(std::string_view fragment, SourceLoc loc, std::vector<Line>& out) {
  std::string current;
  size_t piece_start = std::string_view::npos;
  auto flush = [&] {
    std::string_view text = TrimAscii(current);
    if (!text.empty()) {
      SourceLoc at = loc;
      at.column += static_cast<int>(piece_start == std::string_view::npos ? 0 : piece_start);
      SplitInlineBullets(DecodeEntities(text), at, out);
    }
    current.clear();
    piece_start = std::string_view::npos;
  };
  for (size_t i = 0; i < fragment.size();) {
    Tag tag;
    if (fragment[i] == '<' && ParseTag(fragment, i, tag)) {
      if (IsBlockTag(tag.name)) flush();
      i = tag.end;
      continue;
    }
    // Text up to the next '<' (or this '<' when it opens no tag) goes in as one run.
    size_t run_end = std::min(fragment.find('<', i + 1), fragment.size());
    for (size_t k = i; piece_start == std::string_view::npos && k < run_end; ++k)
      if (!IsAsciiSpace(fragment[k])) piece_start = k;
    current.append(fragment.substr(i, run_end - i));
    i = run_end;
  }
  flush();
}

void ParseTextStructure(std::string_view utf8, Page& page, std::vector<Table>& tables) {
  const size_t first_table = tables.size();
  enum class Open { kNone, kParagraph, kListItem, kTable };
  Open open = Open::kNone;
  int table = -1, row = -1, lineno = 0;
  size_t open_block = 0;

  size_t pos = 0;
  while (pos <= utf8.size()) {
    size_t nl = utf8.find('\n', pos);
    std::string_view raw =
        utf8.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? utf8.size() + 1 : nl + 1;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    ++lineno;
    std::string_view trimmed = TrimAscii(raw);
    SourceLoc loc{page.number, lineno, static_cast<int>(trimmed.data() - raw.data())};

    if (trimmed.empty()) {
      if (open != Open::kTable) open = Open::kNone;
      continue;
    }
    // A markdown table separator or a horizontal rule is layout, not text.
    if (trimmed.size() >= 2 && trimmed.find_first_not_of("-=|: ") == std::string_view::npos) {
      if (open != Open::kTable) open = Open::kNone;
      continue;
    }
    bool pipe_row = trimmed.size() > 2 && trimmed.front() == '|' && trimmed.back() == '|';
    if (raw.find('\t') != std::string_view::npos || pipe_row) {
      if (open != Open::kTable) {
        ++table;
        row = -1;
        tables.push_back(NewTable(pipe_row ? TableSource::kMarkdown : TableSource::kDelimited));
      }
      open = Open::kTable;
      ++row;
      std::string_view cells = pipe_row ? trimmed.substr(1, trimmed.size() - 2) : raw;
      char sep = pipe_row ? '|' : '\t';
      int column = 0;
      size_t cell_start = 0;
      while (cell_start <= cells.size()) {
        size_t end = cells.find(sep, cell_start);
        std::string_view cell = cells.substr(
            cell_start, end == std::string_view::npos ? std::string_view::npos : end - cell_start);
        SourceLoc at{page.number, lineno, static_cast<int>(cell.data() - raw.data())};
        std::vector<Line> lines;
        AppendFragmentLines(cell, at, lines);
        if (!lines.empty()) {
          tables.back().cells.push_back({row, column, 1, 1, lines, {}});
          Block& b = OpenBlock(page, BlockKind::kTableCell);
          b.table = table;
          b.row = row;
          b.column = column;
          b.lines = std::move(lines);
        }
        ++column;
        if (end == std::string_view::npos) break;
        cell_start = end + 1;
      }
      continue;
    }
    // Headings: "# title", "## title".
    if (trimmed.front() == '#') {
      size_t level = trimmed.find_first_not_of('#');
      if (level != std::string_view::npos && level <= 6 && trimmed[level] == ' ') {
        std::string_view text = TrimAscii(trimmed.substr(level));
        while (!text.empty() && text.back() == '#') text.remove_suffix(1);
        Block& b = OpenBlock(page, BlockKind::kHeading, static_cast<int>(level));
        AppendFragmentLines(
            text, SourceLoc{page.number, lineno, static_cast<int>(text.data() - raw.data())},
            b.lines);
        open = Open::kNone;
        continue;
      }
    }
    // Bullets: "- item", "* item", "+ item"; nesting by indentation (two spaces a level).
    size_t indent = raw.find_first_not_of(' ');
    if (trimmed.size() > 2 && (trimmed[0] == '-' || trimmed[0] == '*' || trimmed[0] == '+') &&
        trimmed[1] == ' ') {
      std::string_view text = TrimAscii(trimmed.substr(2));
      Block& b = OpenBlock(page, BlockKind::kListItem, static_cast<int>(indent / 2));
      AppendFragmentLines(
          text, SourceLoc{page.number, lineno, static_cast<int>(text.data() - raw.data())},
          b.lines);
      open = Open::kListItem;
      open_block = page.blocks.size() - 1;
      continue;
    }
    if (open == Open::kListItem && indent > 0) {  // an indented line continues the bullet
      AppendFragmentLines(trimmed, loc, page.blocks[open_block].lines);
      continue;
    }
    if (open != Open::kParagraph) {
      OpenBlock(page, BlockKind::kParagraph);
      open = Open::kParagraph;
      open_block = page.blocks.size() - 1;
    }
    // Keep a leading ideographic-space indent: the normalizer reads it as a paragraph start.
    std::string_view content = raw.substr(static_cast<size_t>(loc.column));
    if (raw.substr(0, static_cast<size_t>(loc.column)).find('\t') == std::string_view::npos &&
        HasHtmlTag(content)) {
      AppendFragmentLines(content, loc, page.blocks[open_block].lines);
    } else {
      std::string_view text = content;
      while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
      page.blocks[open_block].lines.push_back(Line{DecodeEntities(text), loc, {}, {}});
    }
  }
  std::erase_if(page.blocks, [](const Block& b) { return b.lines.empty(); });
  FinishTables(tables, first_table);
}

void ParseHtmlStructure(std::string_view utf8, Page& page, std::vector<Table>& tables) {
  int lineno = 1, table = -1, row = -1, column = -1, list_depth = 0;
  // The grid of the table being read: which positions earlier cells' spans already cover.
  const size_t first_table = tables.size();
  std::vector<std::vector<bool>> covered;
  int grid_column = 0;
  TableCell* cell = nullptr;  // the Table cell of the open td/th block
  size_t line_start = 0;      // byte offset where the current source line starts
  std::string current;
  SourceLoc current_loc;
  Block* block = nullptr;
  auto open_block = [&](BlockKind kind, int level) {
    block = &OpenBlock(page, kind, level);
    if (kind == BlockKind::kTableCell) {
      block->table = table;
      block->row = row;
      block->column = column;
    }
  };
  auto flush_line = [&] {
    std::string_view text = TrimAscii(current);
    if (!text.empty()) {
      if (block == nullptr) open_block(BlockKind::kParagraph, 0);
      SplitInlineBullets(DecodeEntities(text), current_loc, block->lines);
    }
    current.clear();
  };
  auto close_block = [&] {
    flush_line();
    if (cell != nullptr && block != nullptr) cell->lines = block->lines;
    block = nullptr;
    cell = nullptr;
  };
  // Places a td/th on the grid: the first position of the row not covered by a rowspan above.
  auto open_cell = [&](std::string_view tag_source) {
    if (tables.size() == first_table) tables.push_back(NewTable(TableSource::kHtml));
    const int rs = SpanAttribute(tag_source, "rowspan");
    const int cs = SpanAttribute(tag_source, "colspan");
    auto is_covered = [&](int r, int c) {
      return r < static_cast<int>(covered.size()) && c < static_cast<int>(covered[r].size()) &&
             covered[r][c];
    };
    const int r = std::max(row, 0);
    while (is_covered(r, grid_column)) ++grid_column;
    for (int i = r; i < r + rs; ++i) {
      if (static_cast<int>(covered.size()) <= i) covered.resize(i + 1);
      if (static_cast<int>(covered[i].size()) < grid_column + cs)
        covered[i].resize(grid_column + cs);
      for (int k = grid_column; k < grid_column + cs; ++k) covered[i][k] = true;
    }
    Table& t = tables.back();
    t.cells.push_back({r, grid_column, rs, cs, {}, {}});
    cell = &t.cells.back();
    grid_column += cs;
  };
  for (size_t i = 0; i < utf8.size();) {
    char c = utf8[i];
    Tag tag;
    if (c == '<' && ParseTag(utf8, i, tag)) {
      const std::string_view tag_source = utf8.substr(i, tag.end - i);
      for (size_t k = i; k < tag.end; ++k)
        if (utf8[k] == '\n') ++lineno, line_start = k + 1;
      i = tag.end;
      const std::string& n = tag.name;
      if (!tag.closing && (n == "script" || n == "style" || n == "head")) {
        size_t end = utf8.find("</" + n, i);
        if (end == std::string_view::npos) end = utf8.size();
        for (size_t k = i; k < end; ++k)
          if (utf8[k] == '\n') ++lineno, line_start = k + 1;
        i = end;
        continue;
      }
      if (n == "br") {
        flush_line();
      } else if (n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6') {
        close_block();
        if (!tag.closing) open_block(BlockKind::kHeading, n[1] - '0');
      } else if (n == "ul" || n == "ol") {
        close_block();
        list_depth = std::max(0, list_depth + (tag.closing ? -1 : 1));
      } else if (n == "li") {
        close_block();
        if (!tag.closing) open_block(BlockKind::kListItem, std::max(0, list_depth - 1));
      } else if (n == "table") {
        close_block();
        if (!tag.closing) {
          ++table, row = -1;
          tables.push_back(NewTable(TableSource::kHtml));
          covered.clear();
        }
      } else if (n == "tr") {
        close_block();
        if (!tag.closing) ++row, column = -1, grid_column = 0;
      } else if (n == "td" || n == "th") {
        close_block();
        if (!tag.closing) {
          if (table < 0) table = 0;
          if (row < 0) row = 0;
          ++column;
          open_block(BlockKind::kTableCell, 0);
          open_cell(tag_source);
        }
      } else if (IsBlockTag(n)) {
        if (block == nullptr || block->kind == BlockKind::kParagraph)
          close_block();
        else
          flush_line();
      }
      continue;
    }
    if (c == '\n') {
      ++lineno;
      line_start = i + 1;
    }
    if (IsAsciiSpace(c)) {
      if (!current.empty() && current.back() != ' ') current += ' ';
    } else {
      if (current.empty())
        current_loc = SourceLoc{page.number, lineno, static_cast<int>(i - line_start)};
      current += c;
    }
    ++i;
  }
  close_block();
  std::erase_if(page.blocks, [](const Block& b) { return b.lines.empty(); });
  for (size_t t = first_table; t < tables.size(); ++t) {
    std::erase_if(tables[t].cells, [](const TableCell& c) { return c.lines.empty(); });
  }
  FinishTables(tables, first_table);
}

void ParseDelimitedStructure(std::string_view utf8, char delimiter, Page& page,
                             std::vector<Table>& tables) {
  const size_t first_table = tables.size();
  tables.push_back(NewTable(TableSource::kDelimited));
  int row = 0;
  // Quotes only in CSV: a TSV's '"' is an ordinary character, as spreadsheets write them.
  for (const CsvRecord& record : ReadCsv(utf8, {delimiter, delimiter == ','})) {
    if (record.fields.size() == 1 && TrimAscii(record.fields[0]).empty()) continue;
    for (size_t column = 0; column < record.fields.size(); ++column) {
      std::string_view text = TrimAscii(record.fields[column]);
      if (text.empty()) continue;
      const CsvFieldStart& start = record.starts[column];
      Block& b = OpenBlock(page, BlockKind::kTableCell);
      b.table = 0;
      b.row = row;
      b.column = static_cast<int>(column);
      b.lines.push_back(
          Line{std::string(text), SourceLoc{page.number, start.line, start.column}, {}, {}});
      tables.back().cells.push_back({row, static_cast<int>(column), 1, 1, b.lines, {}});
    }
    ++row;
  }
  FinishTables(tables, first_table);
}

}  // namespace gyosei::ingest
