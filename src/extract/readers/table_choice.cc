#include "extract/readers/table_choice.h"

#include <map>
#include <utility>

namespace gyosei::extract {
namespace {

using LineKey = std::pair<int, int>;  // (page, line) of a source line

LineKey KeyOf(const Line& l) { return {l.loc.page, l.loc.line}; }

// The first source line of a table (page, line), or {0, 0} when it holds no text.
LineKey FirstLine(const Table& t) {
  LineKey first{0, 0};
  for (const TableCell& c : t.cells)
    for (const Line& l : c.lines)
      if (first == LineKey{0, 0} || KeyOf(l) < first) first = KeyOf(l);
  return first;
}

// The page line printed right before `first` that no ruled table holds.
const Line* LineBefore(const Document& doc, LineKey first, const std::map<LineKey, int>& owner) {
  const Line* best = nullptr;
  for (const Page& p : doc.pages) {
    if (p.number != first.first) continue;
    for (const Block& b : p.blocks)
      for (const Line& l : b.lines)
        if (KeyOf(l) < first && !owner.contains(KeyOf(l)) &&
            (best == nullptr || KeyOf(*best) < KeyOf(l)))
          best = &l;
  }
  return best;
}

// `t` with `caption` as a row of its own above it, in its last column.
Table WithCaption(const Table& t, const Line& caption) {
  Table out = t;
  for (TableCell& c : out.cells) ++c.row;
  TableCell cell;
  cell.row = 0;
  cell.column = out.columns > 0 ? out.columns - 1 : 0;
  cell.lines.push_back(caption);
  out.cells.insert(out.cells.begin(), std::move(cell));
  ++out.rows;
  return out;
}

}  // namespace

std::vector<Table> ChooseTables(const Document& doc, std::vector<Table> rebuilt,
                                const std::vector<Table>& ruled,
                                const std::function<int(const Table&)>& values,
                                const std::function<bool(std::string_view)>& is_caption) {
  std::map<LineKey, int> owner;  // source line -> the ruled table holding it
  for (size_t i = 0; i < ruled.size(); ++i)
    if (ruled[i].source == TableSource::kRuled)
      for (const TableCell& c : ruled[i].cells)
        for (const Line& l : c.lines) owner.emplace(KeyOf(l), static_cast<int>(i));

  // Ruled and rebuilt tables that share a source line are two readings of one part of the
  // page: they are weighed as one group (a rebuilt table may run over two ruled ones).
  size_t n_ruled = ruled.size();
  std::vector<size_t> parent(n_ruled + rebuilt.size());
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  auto root = [&](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (size_t k = 0; k < rebuilt.size(); ++k)
    for (const TableCell& c : rebuilt[k].cells)
      for (const Line& l : c.lines)
        if (auto o = owner.find(KeyOf(l)); o != owner.end())
          parent[root(n_ruled + k)] = root(static_cast<size_t>(o->second));

  struct Group {
    std::vector<size_t> ruled, rebuilt;
    int ruled_values = 0, rebuilt_values = 0;
  };
  std::map<size_t, Group> groups;
  for (size_t k = 0; k < rebuilt.size(); ++k) {
    Group& g = groups[root(n_ruled + k)];
    g.rebuilt.push_back(k);
    g.rebuilt_values += values(rebuilt[k]);
  }
  std::vector<Table> candidates(n_ruled);
  for (size_t i = 0; i < n_ruled; ++i) {
    auto g = groups.find(root(i));
    if (g == groups.end()) continue;  // no rebuilt table reads its lines: left out as before
    const Line* caption = LineBefore(doc, FirstLine(ruled[i]), owner);
    candidates[i] = caption != nullptr && is_caption(caption->text)
                        ? WithCaption(ruled[i], *caption)
                        : ruled[i];
    g->second.ruled.push_back(i);
    g->second.ruled_values += values(candidates[i]);
  }

  std::vector<Table> out;
  for (size_t k = 0; k < rebuilt.size(); ++k) {
    const Group& g = groups[root(n_ruled + k)];
    if (g.ruled.empty() || g.ruled_values <= g.rebuilt_values) {
      out.push_back(std::move(rebuilt[k]));
    } else if (g.rebuilt.front() == k) {
      for (size_t i : g.ruled) out.push_back(std::move(candidates[i]));
    }
  }
  return out;
}

}  // namespace gyosei::extract
