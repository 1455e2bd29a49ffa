#include "ingest/pdf_grid.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace gyosei::pdf {
namespace {

// Segments this close on the cross axis are one line; gaps this small along it are closed
// (double strokes, a border drawn cell by cell). Points.
constexpr double kSnap = 2.0;
// No row or column is narrower than this (points): 5-point text does not fit in less.
constexpr double kMinCell = 4.0;
// A crossing may miss by this much (a border ending just short of the frame).
constexpr double kTouch = 3.0;
// Pieces shorter than this are glyph-like marks (ticks, bullets), not rules.
constexpr double kMinLength = 4.0;
// A page drawn with more segments than this is a chart or a map: no table is looked for.
constexpr size_t kMaxRules = 4000;
// A border is drawn between two grid positions when its lines cover this share of the span.
constexpr double kDrawnShare = 0.5;

// One ruling line: position on the cross axis, extent along it.
struct Line1 {
  double at, from, to;
};

// Step 1: sorted by position, then joined where they touch.
std::vector<Line1> JoinSegments(std::vector<Line1>& raw) {
  std::vector<Line1> out;
  std::sort(raw.begin(), raw.end(), [](const Line1& a, const Line1& b) {
    return a.at != b.at ? a.at < b.at : a.from < b.from;
  });
  for (size_t i = 0; i < raw.size();) {
    size_t end = i;
    while (end < raw.size() && raw[end].at - raw[i].at <= kSnap) ++end;
    std::sort(raw.begin() + static_cast<long>(i), raw.begin() + static_cast<long>(end),
              [](const Line1& a, const Line1& b) { return a.from < b.from; });
    size_t first = out.size();
    for (size_t k = i; k < end; ++k) {
      if (out.size() > first && raw[k].from <= out.back().to + kSnap) {
        out.back().to = std::max(out.back().to, raw[k].to);
      } else {
        out.push_back({raw[i].at, raw[k].from, raw[k].to});
      }
    }
    i = end;
  }
  std::erase_if(out, [](const Line1& l) { return l.to - l.from < kMinLength; });
  return out;
}

bool Cross(const Line1& h, const Line1& v) {
  return v.at >= h.from - kTouch && v.at <= h.to + kTouch && h.at >= v.from - kTouch &&
         h.at <= v.to + kTouch;
}

int Root(std::vector<int>& parent, int i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

// Distinct positions, closer ones merged (their mean). Edges nearer than kMinCell are one
// (double borders, a border redrawn a little off): no text fits between them.
std::vector<double> Edges(std::vector<double> at) {
  std::sort(at.begin(), at.end());
  std::vector<double> edges;
  double sum = 0;
  int n = 0;
  for (size_t i = 0; i < at.size(); ++i) {
    if (n > 0 && at[i] - at[i - 1] > kSnap && at[i] - sum / n > kMinCell) {
      edges.push_back(sum / n);
      sum = 0;
      n = 0;
    }
    sum += at[i];
    ++n;
  }
  if (n > 0) edges.push_back(sum / n);
  return edges;
}

// Whether `lines` (all at one edge position) cover enough of [from, to].
bool Drawn(const std::vector<const Line1*>& lines, double from, double to) {
  double covered = 0;
  for (const Line1* l : lines) {
    covered += std::max(0.0, std::min(to, l->to + kTouch) - std::max(from, l->from - kTouch));
  }
  return covered >= kDrawnShare * (to - from);
}

// `lines` sorted into the edge each lies on (the nearest of `edges`).
std::vector<std::vector<const Line1*>> ByEdge(const std::vector<const Line1*>& lines,
                                              const std::vector<double>& edges) {
  std::vector<std::vector<const Line1*>> by_edge(edges.size());
  for (const Line1* l : lines) {
    auto it = std::lower_bound(edges.begin(), edges.end(), l->at);
    size_t k = static_cast<size_t>(it - edges.begin());
    if (k == edges.size() || (k > 0 && l->at - edges[k - 1] < edges[k] - l->at)) --k;
    by_edge[k].push_back(l);
  }
  return by_edge;
}

// The grid position (0-based) of `v` between `edges`, or -1 outside.
int Slot(const std::vector<double>& edges, double v) {
  if (v < edges.front() - kTouch || v > edges.back() + kTouch) return -1;
  auto it = std::upper_bound(edges.begin(), edges.end(), v);
  int i = static_cast<int>(it - edges.begin()) - 1;
  return std::clamp(i, 0, static_cast<int>(edges.size()) - 2);
}

}  // namespace

// A table being built: its grid, its cells' positions and which cell owns each position.
struct PageGrids::Grid {
  // A cell's place: the top-left grid position and the spans. Only this is kept from Find
  // until the cells are read (every page's grids wait for the layout of all pages; a budget
  // book has 210,000 cells, most of them empty): the TableCell, with its box and lines, is
  // made when the cells are read.
  struct Span {
    int row, column, row_span, column_span;
  };
  std::vector<double> xs, ys;
  std::vector<Span> spans;
  // Rows x columns, index into spans: only while the grid is built and its cells are read.
  std::vector<int> owner;
  void FillOwner() {
    const size_t cols = xs.size() - 1;
    owner.assign((ys.size() - 1) * cols, -1);
    for (size_t i = 0; i < spans.size(); ++i) {
      for (int r = spans[i].row; r < spans[i].row + spans[i].row_span; ++r) {
        for (int c = spans[i].column; c < spans[i].column + spans[i].column_span; ++c) {
          owner[static_cast<size_t>(r) * cols + c] = static_cast<int>(i);
        }
      }
    }
  }
  // The table's cells from the spans (empty), in the same order: the owner's indexes hold.
  void MakeCells() {
    auto& cells = ruled.table.cells;
    cells.reserve(spans.size());
    for (const Span& s : spans) {
      TableCell& cell = cells.emplace_back();
      cell.row = s.row;
      cell.column = s.column;
      cell.row_span = s.row_span;
      cell.column_span = s.column_span;
      cell.box = {xs[s.column], ys[s.row], xs[s.column + s.column_span], ys[s.row + s.row_span]};
    }
    spans = {};
  }
  RuledTable ruled;
  int OwnerAt(double x, double y) const {
    int c = Slot(xs, x), r = Slot(ys, y);
    if (c < 0 || r < 0) return -1;
    return owner[static_cast<size_t>(r) * (xs.size() - 1) + c];
  }
};

namespace {

using Grid = PageGrids::Grid;

// Step 2 for one connected group of lines.
bool BuildGrid(int page, const std::vector<const Line1*>& hs, const std::vector<const Line1*>& vs,
               Grid& grid) {
  std::vector<double> at;
  for (const Line1* v : vs) at.push_back(v->at);
  grid.xs = Edges(at);
  at.clear();
  for (const Line1* h : hs) at.push_back(h->at);
  grid.ys = Edges(at);
  if (grid.xs.size() < 2 || grid.ys.size() < 2) return false;
  const int rows = static_cast<int>(grid.ys.size()) - 1;
  const int cols = static_cast<int>(grid.xs.size()) - 1;
  if (rows * cols > 20000) return false;  // graph paper, not a table
  Table& table = grid.ruled.table;
  table.source = TableSource::kRuled;
  table.first_page = table.last_page = page;
  table.rows = rows;
  table.columns = cols;
  grid.owner.assign(static_cast<size_t>(rows) * cols, -1);
  const auto v_at = ByEdge(vs, grid.xs);
  const auto h_at = ByEdge(hs, grid.ys);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      if (grid.owner[static_cast<size_t>(r) * cols + c] >= 0) continue;
      int cs = 1;
      while (c + cs < cols && grid.owner[static_cast<size_t>(r) * cols + c + cs] < 0 &&
             !Drawn(v_at[c + cs], grid.ys[r], grid.ys[r + 1]))
        ++cs;
      int rs = 1;
      while (r + rs < rows && !Drawn(h_at[r + rs], grid.xs[c], grid.xs[c + cs])) ++rs;
      const int index = static_cast<int>(grid.spans.size());
      for (int i = r; i < r + rs; ++i) {
        for (int k = c; k < c + cs; ++k) {
          int& o = grid.owner[static_cast<size_t>(i) * cols + k];
          if (o < 0) o = index;
        }
      }
      grid.spans.push_back({r, c, rs, cs});
    }
  }
  grid.owner = {};
  if (grid.spans.size() < 2) return false;  // a frame around a paragraph
  grid.spans.shrink_to_fit();
  grid.ruled.column_edges = grid.xs;
  return true;
}

// Step 3: the words of `lines` into the cells of `grids`.
void FillCells(const std::vector<PlacedLine>& lines, std::vector<Grid>& grids) {
  struct Piece {
    int grid, cell;
    double y, x;
    Line line;
  };
  std::vector<Piece> pieces;
  for (const PlacedLine& pl : lines) {
    int g = -1, cell = -1;
    size_t first = 0;
    auto flush = [&](size_t end) {
      if (g < 0 || cell < 0 || end == first) return;
      const PlacedWord& a = pl.words[first];
      const PlacedWord& b = pl.words[end - 1];
      Line line;
      line.text = pl.text.substr(a.begin, b.end - a.begin);
      line.loc = pl.loc;
      line.loc.column = static_cast<int>(a.begin);
      pieces.push_back({g, cell, a.y0, a.x0, std::move(line)});
    };
    for (size_t w = 0; w < pl.words.size(); ++w) {
      const PlacedWord& word = pl.words[w];
      double cx = (word.x0 + word.x1) / 2, cy = (word.y0 + word.y1) / 2;
      int wg = -1, wc = -1;
      for (size_t k = 0; k < grids.size() && wc < 0; ++k) {
        wc = grids[k].OwnerAt(cx, cy);
        if (wc >= 0) wg = static_cast<int>(k);
      }
      if (wg != g || wc != cell) {
        flush(w);
        g = wg;
        cell = wc;
        first = w;
      }
    }
    flush(pl.words.size());
  }
  // Within a cell, top to bottom, then left to right (a cut line's pieces come in order).
  std::stable_sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
    return std::abs(a.y - b.y) > 1.0 ? a.y < b.y : a.x < b.x;
  });
  for (Piece& p : pieces) {
    grids[p.grid].ruled.table.cells[p.cell].lines.push_back(std::move(p.line));
  }
}

// Whether every laid-out line outside `grids` lies below (or above) grid `g`.
void MarkPageEnds(const std::vector<PlacedLine>& lines, std::vector<Grid>& grids) {
  for (Grid& grid : grids) {
    grid.ruled.starts_page = grid.ruled.ends_page = true;
  }
  for (const PlacedLine& pl : lines) {
    for (const PlacedWord& word : pl.words) {
      double cx = (word.x0 + word.x1) / 2, cy = (word.y0 + word.y1) / 2;
      bool inside = false;
      for (const Grid& grid : grids) inside |= grid.OwnerAt(cx, cy) >= 0;
      if (inside) continue;
      for (Grid& grid : grids) {
        if (cy < grid.ys.front()) grid.ruled.starts_page = false;
        if (cy > grid.ys.back()) grid.ruled.ends_page = false;
      }
    }
  }
}

// A table continuing one above it on the previous page has the same outer edges, and each of
// its column edges is one of the earlier table's (a column split only in the header rows
// does not repeat). For each edge of `next`, the index of the matching edge of `previous`;
// empty when they do not match.
std::vector<int> MatchEdges(const std::vector<double>& next, const std::vector<double>& previous) {
  std::vector<int> to;
  size_t k = 0;
  for (double x : next) {
    while (k < previous.size() && previous[k] < x - kTouch) ++k;
    if (k == previous.size() || std::abs(previous[k] - x) > kTouch) return {};
    to.push_back(static_cast<int>(k++));  // each edge of `previous` matches at most once
  }
  if (to.empty() || to.front() != 0 || to.back() != static_cast<int>(previous.size()) - 1)
    return {};
  return to;
}

}  // namespace

PageGrids::PageGrids() = default;
PageGrids::~PageGrids() = default;
PageGrids::PageGrids(PageGrids&&) noexcept = default;
PageGrids& PageGrids::operator=(PageGrids&&) noexcept = default;

bool PageGrids::empty() const { return grids_.empty(); }

bool PageGrids::InTable(double x, double y) const {
  for (const Grid& grid : grids_) {
    if (grid.xs.size() > 2 && grid.ys.size() > 2 && Slot(grid.xs, x) >= 0 && Slot(grid.ys, y) >= 0)
      return true;
  }
  return false;
}

void PageGrids::Find(int page, std::vector<Rule>& rules) {
  grids_.clear();
  if (rules.size() < 4 || rules.size() > kMaxRules) return;
  std::vector<Line1> raw_h, raw_v;
  for (const Rule& r : rules) {
    if (r.horizontal()) {
      raw_h.push_back({r.y0, r.x0, r.x1});
    } else {
      raw_v.push_back({r.x0, r.y0, r.y1});
    }
  }
  const std::vector<Line1> hs = JoinSegments(raw_h);
  const std::vector<Line1> vs = JoinSegments(raw_v);
  if (hs.size() < 2 || vs.size() < 2) return;

  // Step 2: connected groups of crossing lines (horizontal i is i, vertical j is H + j).
  const int nh = static_cast<int>(hs.size());
  std::vector<int> parent(hs.size() + vs.size());
  std::iota(parent.begin(), parent.end(), 0);
  // JoinSegments leaves the vertical lines ordered by x: only those within a horizontal
  // line's reach are tried.
  for (int i = 0; i < nh; ++i) {
    auto first = std::lower_bound(vs.begin(), vs.end(), hs[i].from - kTouch,
                                  [](const Line1& v, double x) { return v.at < x; });
    for (auto v = first; v != vs.end() && v->at <= hs[i].to + kTouch; ++v) {
      if (Cross(hs[i], *v)) {
        parent[Root(parent, i)] = Root(parent, nh + static_cast<int>(v - vs.begin()));
      }
    }
  }
  std::vector<std::vector<const Line1*>> group_h(parent.size()), group_v(parent.size());
  for (int i = 0; i < nh; ++i) group_h[Root(parent, i)].push_back(&hs[i]);
  for (size_t j = 0; j < vs.size(); ++j) {
    group_v[Root(parent, nh + static_cast<int>(j))].push_back(&vs[j]);
  }
  std::vector<Grid>& grids = grids_;
  for (size_t g = 0; g < parent.size(); ++g) {
    if (group_h[g].size() < 2 || group_v[g].size() < 2) continue;
    Grid grid;
    if (BuildGrid(page, group_h[g], group_v[g], grid)) grids.push_back(std::move(grid));
  }
  std::sort(grids.begin(), grids.end(), [](const Grid& a, const Grid& b) {
    return a.ys.front() != b.ys.front() ? a.ys.front() < b.ys.front() : a.xs.front() < b.xs.front();
  });
}

std::vector<RuledTable> PageGrids::ReadCells(const std::vector<PlacedLine>& lines) {
  std::vector<RuledTable> out;
  if (grids_.empty()) return out;
  for (Grid& grid : grids_) {
    grid.FillOwner();
    grid.MakeCells();
  }
  FillCells(lines, grids_);
  MarkPageEnds(lines, grids_);
  for (Grid& grid : grids_) {
    // Boxes without any text (figure frames, drawn decorations) are no table to read.
    const auto& cells = grid.ruled.table.cells;
    if (std::any_of(cells.begin(), cells.end(),
                    [](const TableCell& c) { return !c.lines.empty(); }))
      out.push_back(std::move(grid.ruled));
  }
  grids_.clear();
  return out;
}

void JoinContinuedTables(std::vector<std::vector<RuledTable>>& pages, std::vector<Table>& out) {
  // The table last appended to `out`, while another page's table may still continue it.
  struct Open {
    size_t index;
    std::vector<double> column_edges;
    int last_page;
    bool ends_page;
  };
  std::optional<Open> open;
  for (std::vector<RuledTable>& tables : pages) {
    for (size_t i = 0; i < tables.size(); ++i) {
      RuledTable& t = tables[i];
      std::vector<int> to_column;  // the joined table's column of each of t's column edges
      if (i == 0 && open && open->ends_page && t.starts_page &&
          t.table.first_page == open->last_page + 1) {
        to_column = MatchEdges(t.column_edges, open->column_edges);
      }
      if (!to_column.empty()) {
        Table& joined = out[open->index];
        for (TableCell& cell : t.table.cells) {
          const int end = to_column[cell.column + cell.column_span];
          cell.column = to_column[cell.column];
          cell.column_span = end - cell.column;
          cell.row += joined.rows;
          joined.cells.push_back(std::move(cell));
        }
        joined.rows += t.table.rows;
        joined.last_page = open->last_page = t.table.last_page;
        open->ends_page = t.ends_page;
        continue;
      }
      out.push_back(std::move(t.table));
      open = Open{out.size() - 1, std::move(t.column_edges), out.back().last_page, t.ends_page};
    }
  }
}

}  // namespace gyosei::pdf
