#include "ingest/pdf_layout.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/utf8.h"

namespace gyosei::pdf {
namespace {

double XOverlap(double a0, double a1, double b0, double b1) {
  return std::min(a1, b1) - std::max(a0, b0);
}

double Median(std::vector<double>& v) {
  if (v.empty()) return 0;
  auto mid = v.begin() + v.size() / 2;
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

// "1", "(1)", "（１）", "①", "第1", "・", "※", "◇": a list or section marker that a tab or a
// full-width space sets off from its text. The gap after it is not a cell boundary.
bool IsMarker(std::string_view s) {
  if (s.empty() || s.size() > 15) return false;
  for (size_t i = 0; i < s.size();) {
    char32_t c = DecodeUtf8(s, i);
    bool ok = (c >= '0' && c <= '9') || c == '(' || c == ')' || c == '.' || c == '-' ||
              (c >= 0xFF10 && c <= 0xFF19) || c == 0xFF08 || c == 0xFF09 || c == 0xFF0E ||
              (c >= 0x2460 && c <= 0x24FF) || (c >= 0x2776 && c <= 0x2793) ||
              (c >= 0x25A0 && c <= 0x25FF) || c == 0x2605 || c == 0x2606 || c == 0x203B ||
              c == 0x30FB || c == 0x7B2C || c == 0x7AE0 || c == 0x7BC0 || c == 0x6761 ||
              c == 0x9805 || c == 0x53F7;
    if (!ok) return false;
  }
  return true;
}

// The em of a line's text: full-width characters are one em wide, whatever the font's
// ascent and descent make of the box heights.
double EmOf(const std::vector<Box>& boxes, size_t b, size_t e) {
  double best = 0;
  for (size_t i = b; i < e && best == 0; ++i) {
    const std::string& t = boxes[i].text;
    size_t n = 0;
    bool wide = true;
    for (size_t k = 0; k < t.size() && wide;) {
      char32_t c = DecodeUtf8(t, k);
      wide = c >= 0x3000 && !(c >= 0xFF61 && c <= 0xFFDC);  // not half-width kana
      ++n;
    }
    if (wide && n > 0) best = (boxes[i].x1 - boxes[i].x0) / static_cast<double>(n);
  }
  return best > 0 ? best : 0.77 * (boxes[b].y1 - boxes[b].y0);
}

// A space only where the gap is a real one: LibreOffice's and Word's extra spacing between
// kanji and digits (令和 4 年: 0.2 em) is narrower than a space glyph (Noto CJK: 0.224 em).
bool NeedsSpace(const Box& a, const Box& b, double em) {
  double gap = b.x0 - a.x1;
  if (gap >= 0.21 * em) return true;
  auto ascii = [](char c) { return static_cast<unsigned char>(c) < 0x80; };
  // Between Latin words keep poppler's word break even where the font's space is narrow.
  return a.space_after && gap > 0.02 * em && !a.text.empty() && !b.text.empty() &&
         ascii(a.text.back()) && ascii(b.text.front());
}

// With `placed`, each box's position and bytes in `out` are recorded there too.
void AppendJoined(const std::vector<Box>& boxes, size_t b, size_t e, std::string& out,
                  std::vector<PlacedWord>* placed = nullptr) {
  double em = b < e ? EmOf(boxes, b, e) : 0;
  for (size_t i = b; i < e; ++i) {
    if (i > b && NeedsSpace(boxes[i - 1], boxes[i], em)) out += ' ';
    const Box& box = boxes[i];
    if (placed != nullptr) {
      placed->push_back({box.x0, box.y0, box.x1, box.y1, static_cast<uint32_t>(out.size()),
                         static_cast<uint32_t>(out.size() + box.text.size())});
    }
    out += box.text;
  }
}

// Whether a word of `line` covers the whole gap [g0, g1]: then that gap on the line next to
// it is a wide space in running text (U+3000, which poppler drops), not a column boundary.
// (Text of a narrow column may sit inside the gap, so covering part of it says nothing.)
bool Spans(const TextLine* line, double g0, double g1) {
  if (line == nullptr) return false;
  for (const Box& b : line->boxes) {
    if (b.x0 < g0 && b.x1 > g1) return true;
  }
  return false;
}

// Part of a physical line between two column gaps.
struct Segment {
  const TextLine* line;
  size_t b, e;  // boxes [b, e) of line
  int line_index;
  double x0, y0, x1, y1, h;
};

// Segments stacked into a paragraph, a cell's text or a column.
struct Flow {
  std::vector<int> segs;
  double x0, y0, x1, y1, h;
  double pitch = -1;  // gap between its lines once it has two; a wider gap ends the flow
};

// Whether `line` has text starting at x after a gap (or at its start): a column edge.
bool StartsColumnAt(const TextLine* line, double x) {
  if (line == nullptr) return false;
  const std::vector<Box>& bx = line->boxes;
  for (size_t k = 0; k < bx.size(); ++k) {
    if (std::abs(bx[k].x0 - x) > 1.5) continue;
    if (k == 0 || bx[k].x0 - bx[k - 1].x1 >= 0.3 * (bx[k].y1 - bx[k].y0)) return true;
  }
  return false;
}

// Whether `line` has a word ending where the gap [g0, g1] begins and nothing inside the
// gap: the text left of the gap is a narrow column wrapping at its edge.
bool WrapsAt(const TextLine* line, double g0, double g1, double em) {
  if (line == nullptr) return false;
  bool ends_here = false;
  for (const Box& b : line->boxes) {
    if (b.x1 > g0 + 0.25 * em && b.x0 < g1) return false;
    ends_here |= b.x1 >= g0 - 0.6 * em && b.x1 <= g0 + 0.25 * em;
  }
  return ends_here;
}

// A one-kanji box standing apart from its neighbours (no word runs on from it).
bool SpacedChar(const std::vector<Box>& bx, size_t k) {
  const Box& b = bx[k];
  if (b.text.empty()) return false;
  size_t n = 0;
  if (DecodeUtf8(b.text, n) < 0x3000 || n != b.text.size()) return false;
  double min_gap = 0.3 * (b.y1 - b.y0);
  return (k == 0 || b.x0 - bx[k - 1].x1 >= min_gap) &&
         (k + 1 == bx.size() || bx[k + 1].x0 - b.x1 >= min_gap);
}

// Between boxes i-1 and i, inside a run of spaced single kanji: distributed alignment in
// Excel and Word cells (工　　事　　名) spaces characters evenly, so only a clearly wider gap
// in the run is a boundary. (Digits are left out: a row of one-digit cells is common.)
bool LetterSpaced(const std::vector<Box>& bx, size_t i, std::vector<double>& scratch) {
  if (!SpacedChar(bx, i - 1) || !SpacedChar(bx, i)) return false;
  size_t a = i - 1, b = i;
  while (a > 0 && SpacedChar(bx, a - 1)) --a;
  while (b + 1 < bx.size() && SpacedChar(bx, b + 1)) ++b;
  scratch.clear();
  for (size_t k = a + 1; k <= b; ++k) scratch.push_back(bx[k].x0 - bx[k - 1].x1);
  return bx[i].x0 - bx[i - 1].x1 <= 1.6 * Median(scratch) + 0.5;
}

// `above` and `below`: the lines right next to this one (null where there is none).
void SplitLine(const TextLine& line, const TextLine* above, const TextLine* below, int index,
               std::vector<double>& scratch, std::vector<Segment>& out) {
  const std::vector<Box>& bx = line.boxes;
  auto emit = [&](size_t b, size_t e) {
    Segment s{&line, b, e, index, bx[b].x0, bx[b].y0, bx[e - 1].x1, bx[b].y1, 0};
    for (size_t i = b; i < e; ++i) {
      s.y0 = std::min(s.y0, bx[i].y0);
      s.y1 = std::max(s.y1, bx[i].y1);
      s.h = std::max(s.h, bx[i].y1 - bx[i].y0);
    }
    out.push_back(s);
  };
  // The line's own word spacing, in line heights: a cell boundary is much wider.
  scratch.clear();
  for (size_t i = 1; i < bx.size(); ++i) {
    double h = std::min(bx[i].y1 - bx[i].y0, bx[i - 1].y1 - bx[i - 1].y0);
    double gap = (bx[i].x0 - bx[i - 1].x1) / std::max(h, 1.0);
    if (gap < 0.4) scratch.push_back(gap);
  }
  double typical = Median(scratch);
  const double em = EmOf(bx, 0, bx.size());
  size_t start = 0;
  std::string prefix;
  for (size_t i = 1; i < bx.size(); ++i) {
    double h = std::max(std::min(bx[i].y1 - bx[i].y0, bx[i - 1].y1 - bx[i - 1].y0), 1.0);
    double gap = (bx[i].x0 - bx[i - 1].x1) / h;
    bool cut = gap > 0.4 && (gap > 1.5 || gap > 2.5 * typical);
    if (cut && start == 0 && i <= 3) {
      prefix.clear();
      AppendJoined(bx, 0, i, prefix);
      cut = !IsMarker(prefix);
    }
    if (cut) cut = !LetterSpaced(bx, i, scratch);
    const double g0 = bx[i - 1].x1, g1 = bx[i].x0;
    if (cut && g1 - g0 < em) {
      // Narrower than a full-width character: a half-width space in MS Mincho/Gothic is as
      // wide as a tight cell's padding. A column boundary shows on the next line too.
      cut = StartsColumnAt(above, g1) || StartsColumnAt(below, g1) || WrapsAt(above, g0, g1, em) ||
            WrapsAt(below, g0, g1, em);
    } else if (cut) {
      cut = !Spans(above, g0, g1) && !Spans(below, g0, g1);
    }
    if (cut) {
      emit(start, i);
      start = i;
    }
  }
  if (start < bx.size()) emit(start, bx.size());
}

std::vector<Flow> BuildFlows(const std::vector<Segment>& segs, double line_gap) {
  std::vector<Flow> flows;
  std::vector<int> active;  // flows that may still grow
  std::vector<int> near, overlapping;
  std::unordered_map<int, int> claims;  // flow -> segments of this line overlapping it
  for (size_t sb = 0; sb < segs.size();) {
    size_t se = sb;
    while (se < segs.size() && segs[se].line_index == segs[sb].line_index) ++se;
    const double top = segs[sb].y0;
    near.clear();
    claims.clear();
    for (int f : active) {
      const Flow& fl = flows[f];
      double v = top - fl.y1;
      if (v > -0.5 * fl.h && v <= (fl.pitch >= 0 ? fl.pitch : line_gap) + 0.2 * fl.h) {
        near.push_back(f);
      }
    }
    for (int f : near) {
      for (size_t s = sb; s < se; ++s) {
        if (XOverlap(segs[s].x0, segs[s].x1, flows[f].x0, flows[f].x1) > 0) ++claims[f];
      }
    }
    for (size_t s = sb; s < se; ++s) {
      const Segment& sg = segs[s];
      overlapping.clear();
      for (int f : near) {
        if (XOverlap(sg.x0, sg.x1, flows[f].x0, flows[f].x1) > 0) overlapping.push_back(f);
      }
      int target = -1;
      // Only a one-to-one overlap continues a flow: one column turning into two (or two into
      // one) is where a table starts or ends.
      if (overlapping.size() == 1 && claims[overlapping[0]] == 1) {
        Flow& fl = flows[overlapping[0]];
        double overlap = XOverlap(sg.x0, sg.x1, fl.x0, fl.x1);
        bool aligned = std::abs(sg.x0 - fl.x0) <= 1.5 * sg.h ||
                       overlap >= 0.5 * std::min(sg.x1 - sg.x0, fl.x1 - fl.x0);
        bool same_size = std::abs(sg.h - fl.h) <= 0.2 * std::max(sg.h, fl.h);
        if (aligned && same_size) target = overlapping[0];
      }
      if (target < 0) {
        target = static_cast<int>(flows.size());
        flows.push_back({{}, sg.x0, sg.y0, sg.x1, sg.y1, sg.h});
        active.push_back(target);
      }
      Flow& fl = flows[target];
      if (fl.segs.size() == 1) fl.pitch = std::max(0.0, sg.y0 - fl.y1);
      fl.segs.push_back(static_cast<int>(s));
      fl.x0 = std::min(fl.x0, sg.x0);
      fl.x1 = std::max(fl.x1, sg.x1);
      fl.y1 = std::max(fl.y1, sg.y1);
    }
    // Flows that ended well above the next line can no longer grow.
    std::erase_if(active, [&](int f) { return flows[f].y1 < top - 3 * flows[f].h; });
    sb = se;
  }
  return flows;
}

struct Row {
  std::vector<std::vector<int>> cells;  // flows per cell, cells left to right
  double y0, y1;
};

// True when flow a has a neighbour beside it: vertical overlap, no horizontal overlap.
bool SideBySide(const Flow& a, const Flow& b) {
  return XOverlap(a.y0, a.y1, b.y0, b.y1) > 0.3 * std::min(a.h, b.h) &&
         XOverlap(a.x0, a.x1, b.x0, b.x1) <= 0;
}

}  // namespace

// One per document: its buffers keep their capacity from page to page.
class PageLayouter::Builder {
 public:
  explicit Builder(double line_gap) : line_gap_(line_gap) {}

  void Layout(const PageText& page, Page& out, std::vector<PlacedLine>* placed) {
    page_ = &page;
    out_ = &out;
    placed_ = placed;
    segs_.clear();
    rows_.clear();
    row_tabular_.clear();
    emitted_until_ = 0;
    line_number_ = 0;
    Run();
    EmitFlowsUpTo(rows_.size());
  }

 private:
  void Run() {
    const auto& lines = page_->lines;
    auto adjacent = [&](size_t a, size_t b) {
      return lines[b].y0 - lines[a].y1 <= line_gap_ + 0.2 * (lines[a].y1 - lines[a].y0) &&
             XOverlap(lines[a].x0, lines[a].x1, lines[b].x0, lines[b].x1) > 0;
    };
    for (size_t i = 0; i < lines.size(); ++i) {
      const TextLine* above = i > 0 && adjacent(i - 1, i) ? &lines[i - 1] : nullptr;
      const TextLine* below = i + 1 < lines.size() && adjacent(i, i + 1) ? &lines[i + 1] : nullptr;
      SplitLine(lines[i], above, below, static_cast<int>(i), scratch_, segs_);
    }
    if (segs_.empty()) return;
    flows_ = BuildFlows(segs_, line_gap_);
    scratch_.clear();
    for (const Segment& s : segs_) scratch_.push_back(s.h);
    body_height_ = Median(scratch_);
    order_.resize(flows_.size());
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int>(i);
    std::sort(order_.begin(), order_.end(), [&](int a, int b) {
      return flows_[a].y0 != flows_[b].y0 ? flows_[a].y0 < flows_[b].y0
                                          : flows_[a].x0 < flows_[b].x0;
    });
    BuildRows(order_);
    Emit();
  }

  void BuildRows(const std::vector<int>& order) {
    std::vector<bool> tabular(flows_.size(), false);
    for (size_t i = 0; i < order.size(); ++i) {
      for (size_t j = i + 1; j < order.size(); ++j) {
        const Flow& a = flows_[order[i]];
        const Flow& b = flows_[order[j]];
        if (b.y0 >= a.y1) break;
        if (SideBySide(a, b)) tabular[order[i]] = tabular[order[j]] = true;
      }
    }
    // A table row starts where two side-by-side flows start together; a flow joins the last
    // row that started at or above its top (a vertically centred label, a second paragraph).
    for (size_t i = 0; i < order.size(); ++i) {
      const Flow& f = flows_[order[i]];
      bool in_row = !rows_.empty() && rows_.back().cells.size() > 0 && row_tabular_.back() &&
                    tabular[order[i]] && f.y0 < rows_.back().y1 && !StartsRow(order, i, tabular);
      if (in_row) {
        AddToRow(rows_.back(), order[i]);
      } else {
        rows_.push_back({{{order[i]}}, f.y0, f.y1});
        row_tabular_.push_back(tabular[order[i]]);
      }
    }
  }

  // Whether flow order[i], starting below the current row's top, starts a new row: it does
  // when another flow beside it starts at the same height.
  bool StartsRow(const std::vector<int>& order, size_t i, const std::vector<bool>& tabular) const {
    const Flow& f = flows_[order[i]];
    if (f.y0 <= rows_.back().y0 + 0.3 * f.h) return false;
    // `order` is by top: only the flows starting near f's top can start with it.
    size_t j = std::lower_bound(order.begin(), order.end(), f.y0 - 0.3 * f.h,
                                [&](int a, double y) { return flows_[a].y0 < y; }) -
               order.begin();
    for (; j < order.size() && flows_[order[j]].y0 <= f.y0 + 0.3 * f.h; ++j) {
      if (j == i || !tabular[order[j]]) continue;
      const Flow& g = flows_[order[j]];
      if (std::abs(g.y0 - f.y0) <= 0.3 * f.h && XOverlap(f.x0, f.x1, g.x0, g.x1) <= 0) return true;
    }
    return false;
  }

  void AddToRow(Row& row, int flow) {
    const Flow& f = flows_[flow];
    row.y1 = std::max(row.y1, f.y1);
    for (auto& cell : row.cells) {
      for (int other : cell) {
        if (XOverlap(f.x0, f.x1, flows_[other].x0, flows_[other].x1) > 0) {
          cell.push_back(flow);
          return;
        }
      }
    }
    row.cells.push_back({flow});
  }

  double CellX0(const std::vector<int>& cell) const {
    double x = 1e9;
    for (int f : cell) x = std::min(x, flows_[f].x0);
    return x;
  }

  void Emit() {
    for (Row& row : rows_) {
      std::sort(row.cells.begin(), row.cells.end(),
                [&](const auto& a, const auto& b) { return CellX0(a) < CellX0(b); });
    }
    // Tables: runs of rows with two or more cells, plus one-cell rows right next to them
    // whose text starts at one of the table's column edges (a row with one filled cell).
    std::vector<int> table_of(rows_.size(), -1);
    int tables = 0;
    for (size_t r = 0; r < rows_.size();) {
      if (rows_[r].cells.size() < 2) {
        ++r;
        continue;
      }
      size_t end = r;
      while (end < rows_.size() && rows_[end].cells.size() >= 2) ++end;
      std::vector<double> cols = ColumnEdges(r, end);
      size_t begin = r;
      while (begin > 0 && table_of[begin - 1] < 0 && Adjoins(rows_[begin - 1], rows_[begin], cols))
        --begin;
      while (end < rows_.size() && Adjoins(rows_[end], rows_[end - 1], cols)) ++end;
      for (size_t i = begin; i < end; ++i) table_of[i] = tables;
      EmitTable(begin, end, tables++);
      r = end;
      emitted_until_ = end;
    }
  }

  std::vector<double> ColumnEdges(size_t begin, size_t end) const {
    std::vector<double> xs;
    for (size_t r = begin; r < end; ++r) {
      for (const auto& cell : rows_[r].cells) xs.push_back(CellX0(cell));
    }
    std::sort(xs.begin(), xs.end());
    std::vector<double> edges;
    for (double x : xs) {
      if (edges.empty() || x - edges.back() > 0.5 * body_height_) edges.push_back(x);
    }
    return edges;
  }

  bool Adjoins(const Row& single, const Row& neighbour, const std::vector<double>& cols) const {
    if (single.cells.size() != 1) return false;
    double gap = std::max(single.y0 - neighbour.y1, neighbour.y0 - single.y1);
    if (gap > 0.8 * body_height_) return false;
    double x = CellX0(single.cells[0]);
    for (double c : cols) {
      if (std::abs(x - c) <= 2.0) return true;
    }
    return false;
  }

  void EmitFlowsUpTo(size_t row_end) {
    for (size_t r = emitted_until_; r < row_end; ++r) {
      for (const auto& cell : rows_[r].cells) {
        for (int f : cell) EmitParagraphs(f);
      }
    }
    emitted_until_ = row_end;
  }

  double CellX1(const std::vector<int>& cell) const {
    double x = -1e9;
    for (int f : cell) x = std::max(x, flows_[f].x1);
    return x;
  }

  // Each cell's column, by row. Cells whose extents overlap share a column, so a header
  // centred over its values (現状値 over 年111校 printed from the cell's left edge) is their
  // column's even though their left edges differ. A cell spanning columns — it overlaps two
  // cells of another row that do not overlap each other (令和5年度 over 目標 | 実績) — joins
  // none; it takes the column its left edge is nearest.
  std::vector<std::vector<int>> CellColumns(size_t begin, size_t end) const {
    constexpr double kTouch = 1.0;  // overlaps of a point or so are borders touching
    struct Span {
      size_t row, k;
      double x0, x1;
      bool spans = false;
    };
    std::vector<Span> cells;
    for (size_t r = begin; r < end; ++r)
      for (size_t k = 0; k < rows_[r].cells.size(); ++k)
        cells.push_back({r, k, CellX0(rows_[r].cells[k]), CellX1(rows_[r].cells[k])});
    auto overlap = [&](const Span& a, const Span& b) {
      return XOverlap(a.x0, a.x1, b.x0, b.x1) > kTouch;
    };
    for (Span& c : cells) {
      const Span* last = nullptr;  // the previous overlapped cell of the same row
      for (const Span& d : cells) {
        if (d.row == c.row || !overlap(c, d)) continue;
        if (last != nullptr && last->row == d.row && !overlap(*last, d)) c.spans = true;
        last = &d;
      }
    }
    std::vector<size_t> order;
    for (size_t i = 0; i < cells.size(); ++i)
      if (!cells[i].spans) order.push_back(i);
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return cells[a].x0 < cells[b].x0; });
    std::vector<std::pair<double, double>> columns;  // extent of each column, left to right
    std::vector<int> column_of(cells.size(), -1);
    std::vector<size_t> rows_in;  // the rows of the cells in the last column (one cell each)
    for (size_t i : order) {
      bool row_taken = std::find(rows_in.begin(), rows_in.end(), cells[i].row) != rows_in.end();
      if (columns.empty() || row_taken || cells[i].x0 >= columns.back().second - kTouch) {
        columns.emplace_back(cells[i].x0, cells[i].x1);
        rows_in.clear();
      }
      rows_in.push_back(cells[i].row);
      columns.back().second = std::max(columns.back().second, cells[i].x1);
      column_of[i] = static_cast<int>(columns.size()) - 1;
    }
    std::vector<std::vector<int>> out(end - begin);
    for (size_t r = begin; r < end; ++r) out[r - begin].assign(rows_[r].cells.size(), -1);
    for (size_t i = 0; i < cells.size(); ++i) out[cells[i].row - begin][cells[i].k] = column_of[i];
    // A spanning cell: the column its left edge stands in, or the next one its row leaves free.
    for (size_t i = 0; i < cells.size(); ++i) {
      if (column_of[i] >= 0) continue;
      std::vector<int>& row = out[cells[i].row - begin];
      int col = 0;
      while (col + 1 < static_cast<int>(columns.size()) &&
             cells[i].x0 >= columns[static_cast<size_t>(col) + 1].first)
        ++col;
      while (std::find(row.begin(), row.end(), col) != row.end()) ++col;
      row[cells[i].k] = col;
    }
    return out;
  }

  void EmitTable(size_t begin, size_t end, int table) {
    EmitFlowsUpTo(begin);
    std::vector<std::vector<int>> columns = CellColumns(begin, end);
    for (size_t r = begin; r < end; ++r) {
      for (size_t k = 0; k < rows_[r].cells.size(); ++k) {
        const auto& cell = rows_[r].cells[k];
        Block block;
        block.kind = BlockKind::kTableCell;
        block.table = table;
        block.row = static_cast<int>(r - begin);
        block.column = columns[r - begin][k];
        std::vector<int> cell_segs;
        for (int f : cell)
          cell_segs.insert(cell_segs.end(), flows_[f].segs.begin(), flows_[f].segs.end());
        std::sort(cell_segs.begin(), cell_segs.end(), [&](int a, int b) {
          return segs_[a].y0 != segs_[b].y0 ? segs_[a].y0 < segs_[b].y0 : segs_[a].x0 < segs_[b].x0;
        });
        for (int s : cell_segs) AddLine(block, segs_[s]);
        out_->blocks.push_back(std::move(block));
      }
    }
  }

  // A flow outside tables: paragraphs split where the line gap widens; a short flow in a
  // clearly larger size is a heading.
  void EmitParagraphs(int flow) {
    const Flow& f = flows_[flow];
    if (f.segs.size() <= 2 && f.h >= 1.2 * body_height_) {
      Block block;
      block.kind = BlockKind::kHeading;
      block.level = f.h >= 1.45 * body_height_ ? 1 : 2;
      for (int s : f.segs) AddLine(block, segs_[s]);
      out_->blocks.push_back(std::move(block));
      return;
    }
    scratch_.clear();
    for (size_t i = 1; i < f.segs.size(); ++i) {
      scratch_.push_back(segs_[f.segs[i]].y0 - segs_[f.segs[i - 1]].y1);
    }
    double typical = Median(scratch_);
    Block block;
    for (size_t i = 0; i < f.segs.size(); ++i) {
      const Segment& s = segs_[f.segs[i]];
      if (i > 0 && s.y0 - segs_[f.segs[i - 1]].y1 > typical + 0.25 * s.h) {
        out_->blocks.push_back(std::move(block));
        block = Block();
      }
      AddLine(block, s);
    }
    out_->blocks.push_back(std::move(block));
  }

  void AddLine(Block& block, const Segment& s) {
    Line line;
    PlacedLine* placed = nullptr;
    if (placed_ != nullptr) placed = &placed_->emplace_back();
    AppendJoined(s.line->boxes, s.b, s.e, line.text, placed ? &placed->words : nullptr);
    line.loc = {page_->number, ++line_number_, 0};
    if (placed != nullptr) {
      placed->loc = line.loc;
      placed->text = line.text;
    }
    block.lines.push_back(std::move(line));
  }

  const double line_gap_;
  const PageText* page_ = nullptr;
  Page* out_ = nullptr;
  std::vector<PlacedLine>* placed_ = nullptr;
  std::vector<int> order_;
  std::vector<Segment> segs_;
  std::vector<Flow> flows_;
  std::vector<Row> rows_;
  std::vector<bool> row_tabular_;
  std::vector<double> scratch_;
  double body_height_ = 10;
  size_t emitted_until_ = 0;
  int line_number_ = 0;
};

namespace {

// The text of a line as a repetition key: digits (ASCII and full-width) and spaces removed.
std::string RunningKey(const std::string& text) {
  std::string key;
  for (size_t i = 0; i < text.size();) {
    size_t at = i;
    char32_t c = DecodeUtf8(text, i);
    if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19)) {
      if (key.empty() || key.back() != '#') key += '#';
    } else if (c != ' ' && c != 0x3000) {
      key.append(text, at, i - at);
    }
  }
  return key;
}

// "3", "- 3 -", "— 3 —", "3/12", "3 / 12", "P.3", "p3", "(3)", "-3-", "３": a bare page number.
bool IsPageNumber(const std::string& key) {
  static const std::unordered_set<std::string> kForms = {
      "#",  "-#-",   "―#―", "—#—",   "－#－", "#/#", "#／#",    "P.#",   "p.#",   "P#",
      "p#", "P.#/#", "(#)", "（#）", "-#/#-", "#頁", "#ページ", "・#・", "Page#", "page#"};
  return kForms.count(key) > 0;
}

// Shadowed or fake-bold text drawn a second time a hair off, cut into other words than the
// first drawing (重要業績評価指標 over 重要業績評価 + 指標, １．村の振興 over 村の振興の…): a
// character drawn where the same character already stands on the line is dropped, and what is
// left of a word is kept as words of their own. `boxes` are one line's, sorted by x0; words
// drawn over nothing (the usual case) are not looked into.
void DropOverdrawnCharacters(std::vector<Box>& boxes, const std::vector<double>& edges) {
  double reach = 0;  // the right edge of the words so far
  bool overdrawn = false;
  for (const Box& b : boxes) {
    overdrawn = overdrawn || b.x0 < reach - 0.5;
    reach = std::max(reach, b.x1);
  }
  if (!overdrawn) return;
  std::vector<std::u32string> cps(boxes.size());
  std::vector<std::vector<uint32_t>> ends(boxes.size());  // byte offset after each character
  auto known = [&](size_t k) {
    return boxes[k].first_edge != Box::kNoEdges &&
           boxes[k].first_edge + cps[k].size() < edges.size();
  };
  for (size_t k = 0; k < boxes.size(); ++k)
    for (size_t i = 0; i < boxes[k].text.size();) {
      cps[k].push_back(DecodeUtf8(boxes[k].text, i));
      ends[k].push_back(static_cast<uint32_t>(i));
    }
  auto left = [&](size_t k, size_t i) { return edges[boxes[k].first_edge + i]; };
  // Whether character j of box k stands where box a has the same character: the same height
  // on the page within a fifth of the line's, centres within a sixth of the character's width
  // (a shadow or a bold stroke; other text that merely overlaps stands further off).
  auto drawn_before = [&](size_t a, size_t k, size_t j) {
    double height = std::max(boxes[k].y1 - boxes[k].y0, boxes[a].y1 - boxes[a].y0);
    if (std::abs(boxes[k].y0 - boxes[a].y0) > 0.2 * height) return false;
    double l = left(k, j), r = left(k, j + 1), centre = (l + r) / 2;
    for (size_t i = 0; i < cps[a].size(); ++i) {
      double la = left(a, i), ra = left(a, i + 1);
      if (centre < la || centre > ra) continue;
      return cps[a][i] == cps[k][j] && std::abs((la + ra) / 2 - centre) < (r - l) / 6;
    }
    return false;
  };
  std::vector<Box> out;
  out.reserve(boxes.size());
  std::vector<size_t> seen;  // the words before this one, with known edges
  for (size_t k = 0; k < boxes.size(); ++k) {
    std::vector<bool> drop(cps[k].size(), false);
    bool any = false;
    if (known(k)) {
      for (size_t a : seen) {
        if (boxes[a].x1 <= boxes[k].x0 + 0.5) continue;
        for (size_t j = 0; j < cps[k].size(); ++j)
          if (!drop[j] && drawn_before(a, k, j)) drop[j] = any = true;
      }
      seen.push_back(k);
    }
    if (!any) {
      out.push_back(std::move(boxes[k]));
      continue;
    }
    // The runs of characters left, each a word of its own.
    for (size_t j = 0; j < cps[k].size();) {
      if (drop[j]) {
        ++j;
        continue;
      }
      size_t end = j;
      while (end < cps[k].size() && !drop[end]) ++end;
      Box part;
      uint32_t from = j == 0 ? 0 : ends[k][j - 1];
      part.text = boxes[k].text.substr(from, ends[k][end - 1] - from);
      part.x0 = left(k, j);
      part.x1 = left(k, end);
      part.y0 = boxes[k].y0;
      part.y1 = boxes[k].y1;
      part.space_after = end == cps[k].size() && boxes[k].space_after;
      part.first_edge = boxes[k].first_edge + static_cast<uint32_t>(j);
      out.push_back(std::move(part));
      j = end;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Box& a, const Box& b) { return a.x0 < b.x0; });
  boxes = std::move(out);
}

}  // namespace

std::string TextLine::Joined() const {
  std::string out;
  AppendJoined(boxes, 0, boxes.size(), out);
  return out;
}

void BuildLines(std::vector<Box>& boxes, std::vector<TextLine>& lines,
                const std::vector<double>& edges) {
  lines.clear();
  std::sort(boxes.begin(), boxes.end(), [](const Box& a, const Box& b) {
    double ca = a.y0 + a.y1, cb = b.y0 + b.y1;
    return ca != cb ? ca < cb : a.x0 < b.x0;
  });
  for (Box& b : boxes) {
    TextLine* home = nullptr;
    double h = b.y1 - b.y0;
    // Boxes come by vertical centre, so only the last few lines can take this one.
    size_t tried = 0;
    for (auto it = lines.rbegin(); it != lines.rend() && tried < 4; ++it, ++tried) {
      double ov = XOverlap(b.y0, b.y1, it->y0, it->y1);
      double lh = it->boxes.front().y1 - it->boxes.front().y0;
      if (ov >= 0.65 * std::min(h, lh)) {
        home = &*it;
        break;
      }
    }
    if (!home) {
      lines.emplace_back();
      home = &lines.back();
      home->y0 = b.y0;
      home->y1 = b.y1;
    }
    home->y0 = std::min(home->y0, b.y0);
    home->y1 = std::max(home->y1, b.y1);
    home->boxes.push_back(std::move(b));
  }
  for (TextLine& line : lines) {
    auto& bx = line.boxes;
    std::sort(bx.begin(), bx.end(), [](const Box& a, const Box& b) { return a.x0 < b.x0; });
    // Fake bold and overprinting draw the same word twice a hair apart.
    auto dup = [](const Box& a, const Box& b) {
      return a.text == b.text && std::abs(a.x0 - b.x0) < 1.0 && std::abs(a.y0 - b.y0) < 1.0;
    };
    bx.erase(std::unique(bx.begin(), bx.end(), dup), bx.end());
    DropOverdrawnCharacters(bx, edges);
    line.x0 = bx.front().x0;
    line.x1 = 0;
    for (const Box& b : bx) line.x1 = std::max(line.x1, b.x1);
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const TextLine& a, const TextLine& b) { return a.y0 < b.y0; });
}

int DropRunningLines(std::vector<PageText>& pages,
                     const std::function<bool(size_t, const TextLine&)>& keep) {
  // Band: the top and bottom 10% of the page, where headers and footers live.
  auto in_band = [](const PageText& p, const TextLine& l) {
    return l.y1 <= 0.1 * p.height || l.y0 >= 0.9 * p.height;
  };
  std::unordered_map<std::string, int> pages_with;
  std::vector<std::vector<std::string>> keys(pages.size());
  for (size_t p = 0; p < pages.size(); ++p) {
    std::unordered_set<std::string> seen;
    for (const TextLine& l : pages[p].lines) {
      keys[p].push_back(in_band(pages[p], l) ? RunningKey(l.Joined()) : std::string());
      if (!keys[p].back().empty() && seen.insert(keys[p].back()).second)
        ++pages_with[keys[p].back()];
    }
  }
  const int n = static_cast<int>(pages.size());
  const int needed = n <= 2 ? 2 : std::max(3, (n + 1) / 2);
  int dropped = 0;
  for (size_t p = 0; p < pages.size(); ++p) {
    auto& lines = pages[p].lines;
    const int count = static_cast<int>(lines.size());
    size_t k = 0;
    int index = 0;
    std::erase_if(lines, [&](const TextLine& line) {
      const std::string& key = keys[p][k++];
      int i = index++;
      if (key.empty()) return false;
      // Page numbers only as the outermost lines, so a table cell holding "3" survives.
      bool outer = i < 2 || i >= count - 2;
      bool drop =
          (pages_with[key] >= needed && !(keep && keep(p, line))) || (outer && IsPageNumber(key));
      dropped += drop;
      return drop;
    });
  }
  return dropped;
}

double UsualLineGap(const std::vector<PageText>& pages) {
  std::vector<double> gaps;
  for (const PageText& page : pages) {
    const auto& lines = page.lines;
    for (size_t i = 1; i < lines.size(); ++i) {
      const TextLine& a = lines[i - 1];
      const TextLine& b = lines[i];
      double h = a.y1 - a.y0;
      double gap = b.y0 - a.y1;
      if (XOverlap(a.x0, a.x1, b.x0, b.x1) > 0 && gap > -0.3 * h && gap < 1.2 * h) {
        gaps.push_back(gap);
      }
    }
  }
  // The lower quartile: lines within a paragraph are the closest; single-line table rows,
  // set further apart, can be the majority.
  if (gaps.empty()) return 0;
  auto q = gaps.begin() + gaps.size() / 4;
  std::nth_element(gaps.begin(), q, gaps.end());
  return std::max(0.0, *q);
}

PageLayouter::PageLayouter(double line_gap) : builder_(std::make_unique<Builder>(line_gap)) {}
PageLayouter::~PageLayouter() = default;

void PageLayouter::Layout(const PageText& page, Page& out, std::vector<PlacedLine>* placed) {
  builder_->Layout(page, out, placed);
}

}  // namespace gyosei::pdf
