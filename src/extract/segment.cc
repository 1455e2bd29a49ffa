#include "extract/segment.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>

#include "core/utf8.h"
#include "extract/flat_cells.h"

namespace gyosei::extract {
namespace {

// One step of the reading: a line outside tables, or a whole table row.
struct Unit {
  const Block* block = nullptr;
  const Line* line = nullptr;
  std::vector<const Block*> cells;
  bool IsRow() const { return !cells.empty(); }
};

std::vector<Unit> BuildUnits(const Document& doc) {
  std::vector<Unit> units;
  for (const Page& page : doc.pages) {
    const Block* row_start = nullptr;
    for (const Block& b : page.blocks) {
      if (b.kind == BlockKind::kTableCell) {
        if (row_start != nullptr && units.back().IsRow() && row_start->table == b.table &&
            row_start->row == b.row) {
          units.back().cells.push_back(&b);
        } else {
          units.push_back(Unit{nullptr, nullptr, {&b}});
          row_start = &b;
        }
        continue;
      }
      row_start = nullptr;
      for (const Line& l : b.lines) units.push_back(Unit{&b, &l, {}});
    }
  }
  return units;
}

constexpr int kUnnumbered = 1000;      // the scheme of goals found by their rating, not a number
constexpr int kHeadingScheme = 2000;   // + heading level: goals that are headings
constexpr int kFlatCellScheme = 3000;  // the items of a plan table flattened into one line
constexpr size_t kShortLabel = 90;     // bytes: a label is a few words, never a paragraph

// A cell with nothing but symbols, digits and brackets (•, 1, ] [): layout residue.
bool IsResidue(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      // Any kanji/kana makes it content; "•" (E2 80 A2) and box symbols do not.
      if (c >= 0xE3 && c <= 0xE9) return false;
      i += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      continue;
    }
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return false;
    ++i;
  }
  return true;
}

std::string StripSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out += c;
  return out;
}

class Segmenter {
 public:
  Segmenter(const CompiledRules& rules, const TargetBuilder& targets, int fiscal_year,
            bool whole_document)
      : rules_(rules), targets_(targets), fiscal_year_(fiscal_year), in_area_(whole_document) {}

  SegmentResult Run(const std::vector<Unit>& units) {
    units_ = &units;
    for (size_t i = 0; i < units.size(); ++i) {
      if (units[i].IsRow())
        ProcessRow(units[i]);
      else
        ProcessLine(i);
    }
    return Finish();
  }

  bool SawGoalSection() const { return saw_goal_section_; }

 private:
  struct Draft {
    Goal goal;
    std::string statement;
    std::vector<TextPiece> description;
    bool has_block_targets = false;
    bool from_title_column = false;  // started by a title cell, not a number: so are its siblings
    bool from_row = false;           // started by a table row (a numbered first cell)
    std::string metric;              // a 指標名 label's value, for the targets below it
    bool dropped = false;            // an item of a list that restarted its numbering: not a goal
    int scheme = -1;
  };

  // The first `list = yes` scheme (bullets), or -1.
  int ListScheme() const {
    for (size_t s = 0; s < rules_.numbering.size(); ++s)
      if (rules_.numbering[s].list) return static_cast<int>(s);
    return -1;
  }

  const NumberingScheme* SchemeOf(int scheme) const {
    return scheme >= 0 && static_cast<size_t>(scheme) < rules_.numbering.size()
               ? &rules_.numbering[static_cast<size_t>(scheme)]
               : nullptr;
  }

  // Numbered in a way that starts a goal: not a bullet (a lone "•" cell is residue), not the
  // letter of a sheet's part (ア 施策の目的).
  bool StartsGoal(int scheme) const {
    const NumberingScheme* s = SchemeOf(scheme);
    return s != nullptr && !s->list && !s->label_only;
  }

  // The position of an item number in its sequence (② -> 2, (3) -> 3, C3-2 -> 2), for telling
  // a list that starts again from a list that goes on; 0 when it has none.
  static int Ordinal(std::string_view number) {
    int value = 0;
    bool digits = false;
    for (char c : number) {
      if (c >= '0' && c <= '9') {
        value = (digits ? value * 10 : 0) + (c - '0');
        digits = true;
      } else if (digits) {
        digits = false;  // keep the last run of digits: C3-2 -> 2
      }
    }
    if (value > 0) return value;
    size_t i = 0;
    char32_t last = 0;
    while (i < number.size()) last = DecodeUtf8(number, i);
    if (last >= U'①' && last <= U'⑳') return static_cast<int>(last - U'①') + 1;
    if (last >= U'⑴' && last <= U'⒇') return static_cast<int>(last - U'⑴') + 1;
    if (last >= U'❶' && last <= U'❿') return static_cast<int>(last - U'❶') + 1;
    return 0;
  }

  bool IsList(int scheme) const {
    return scheme >= 0 && static_cast<size_t>(scheme) < rules_.numbering.size() &&
           rules_.numbering[static_cast<size_t>(scheme)].list;
  }

  // "558.7万人", "24 件": a number and a unit, nothing that names what is measured.
  static bool IsBareValue(std::string_view text) {
    size_t i = 0;
    while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == ',' ||
                               text[i] == '.' || text[i] == ' '))
      ++i;
    return i > 0 && text.size() - i <= 12;  // a unit of up to four characters
  }

  // Numbered by a scheme other than a bullet (a lone "•" cell is residue).
  bool IsNumbered(std::string_view text) const {
    auto n = rules_.MatchNumber(text);
    return n && StartsGoal(n->scheme);
  }

  Draft* Current() { return stack_.empty() ? nullptr : &drafts_[stack_.back().second]; }

  void StartGoal(int scheme, std::string number, TextPiece title, SourceLoc loc) {
    auto same = std::find_if(stack_.begin(), stack_.end(),
                             [&](const auto& s) { return s.first == scheme; });
    stack_.erase(same, stack_.end());
    // ① ② ① ② under one parent: the numbers start again with no new goal above them, so they
    // label the rows of a table read cell by cell (指標① / 指標②), not the items of a plan.
    // Such items are read as text of a goal that is dropped at the end.
    bool restarted = false;
    if (const NumberingScheme* s = SchemeOf(scheme); s != nullptr && s->item) {
      std::string parent = stack_.empty() ? "" : drafts_[stack_.back().second].goal.id;
      int ordinal = Ordinal(number);
      restarted = restarted_lists_.count({parent, scheme}) > 0;
      for (auto it = drafts_.rbegin(); !restarted && it != drafts_.rend(); ++it) {
        if (it->goal.id == parent) break;
        if (it->scheme != scheme || it->goal.parent_id != parent) continue;
        restarted = ordinal > 0 && Ordinal(it->goal.number) >= ordinal;
        break;
      }
      if (restarted) {
        restarted_lists_.insert({parent, scheme});
        for (Draft& earlier : drafts_)
          if (earlier.scheme == scheme && earlier.goal.parent_id == parent) earlier.dropped = true;
      }
    }
    Draft d;
    d.scheme = scheme;
    d.dropped = restarted;
    d.goal.id = "g" + std::to_string(drafts_.size() + 1);
    if (!stack_.empty()) d.goal.parent_id = drafts_[stack_.back().second].goal.id;
    d.goal.number = std::move(number);
    d.goal.loc = loc;
    drafts_.push_back(std::move(d));
    stack_.emplace_back(scheme, drafts_.size() - 1);
    SetTitle(Trim(title));
    role_ = "description";
    column_pending_.clear();
  }

  // The text after a goal's number: its title, or a label ("(1) 実現したい成果") whose value
  // follows. Returns the label's role, or "" when it was the title.
  std::string TakeTitleOrLabel(TextPiece rest) {
    rest = Trim(rest);
    if (rest.text.empty()) return "";
    std::string role = rest.text.size() <= kShortLabel ? rules_.labels.Classify(rest.text) : "";
    if (role.empty()) {
      SetTitle(rest);
      return "";
    }
    role_ = role;
    return role;
  }

  void SetTitle(TextPiece title) {
    Draft* d = Current();
    if (d == nullptr || title.text.empty()) return;
    std::string text(title.text);
    Match m;
    for (const Pattern& p : rules_.metadata.owner) {
      if (!p.Find(text, 0, m)) continue;
      d->goal.owner = std::string(m.Group(text, p.GroupIndex("owner")));
      text.erase(m.begin, m.end - m.begin);
      break;
    }
    // "子育てを地域で支えます主管課:子育て支援課": the 主管課 cell beside the title, run into it.
    for (const Pattern& p : rules_.metadata.department_label) {
      if (!p.Find(text, 0, m) || m.begin == 0) continue;
      if (d->goal.owner.empty())
        d->goal.owner = std::string(m.Group(text, p.GroupIndex("department")));
      text.erase(m.begin);
      break;
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (size_t cut = TrailingLabelAt(text); cut != std::string::npos) {
      // A label over items opens the list below, as on a line of its own; a text label's
      // bullets stay text.
      list_may_start_ = rules_.labels.Classify(std::string_view(text).substr(cut)) != "description";
      text.erase(cut);
    }
    d->goal.title = text;
    if (d->goal.loc.line == 0) d->goal.loc = title.Loc();
  }

  // A label printed on the line below a plan level's heading that wrapping ran into its title
  // (基本目標Ⅰ 活力ある産業のまち / 主な取組, 施策の柱1 ○○ / 具体的施策): where it starts, or npos.
  // Four characters or more of a label that introduces items or their text, after a title of
  // four or more that does not end in a particle (少子化の現状と課題 is one title).
  size_t TrailingLabelAt(std::string_view title) const {
    constexpr std::u32string_view kParticles = U"のとやにをへでが";
    constexpr int kMinChars = 4;
    std::vector<size_t> starts;
    for (size_t i = 0; i < title.size();) {
      starts.push_back(i);
      DecodeUtf8(title, i);
    }
    constexpr size_t kMaxLabelChars = 16;  // a label is a few words: a long title's tail only
    size_t first = std::max<size_t>(
        kMinChars, starts.size() > kMaxLabelChars ? starts.size() - kMaxLabelChars : 0);
    for (size_t k = first; k + kMinChars <= starts.size(); ++k) {
      std::string_view label = title.substr(starts[k]);
      std::string role = rules_.labels.Classify(label);
      if (role != "goal_section" && role != "goal_title" && role != "description" &&
          role != "item_list")
        continue;
      size_t last = starts[k - 1];
      if (kParticles.find(DecodeUtf8(title, last)) != std::u32string_view::npos) continue;
      return starts[k];
    }
    return std::string::npos;
  }

  void AddPolicyRefs(std::string_view text) {
    Draft* d = Current();
    if (d == nullptr) return;
    Match m;
    for (const Pattern& p : rules_.metadata.policy_ref) {
      int group = p.GroupIndex("ref");
      for (size_t from = 0; from < text.size() && p.Find(text, from, m); from = m.end) {
        std::string ref = StripSpaces(m.Group(text, group));
        if (!ref.empty() && std::find(d->goal.policy_refs.begin(), d->goal.policy_refs.end(),
                                      ref) == d->goal.policy_refs.end())
          d->goal.policy_refs.push_back(ref);
        if (m.end == m.begin) break;
      }
    }
  }

  // An SDG tag cell: "8 働きがいも経済成長も" -> 8 (the number must agree with a keyword).
  std::optional<int> SdgOf(std::string_view text) const {
    size_t digits = 0;
    while (digits < text.size() && digits < 2 && text[digits] >= '0' && text[digits] <= '9')
      ++digits;
    if (digits == 0 || (digits < text.size() && text[digits] != ' ')) return std::nullopt;
    int goal = std::atoi(std::string(text.substr(0, digits)).c_str());
    for (const SdgRule& r : rules_.metadata.sdg)
      if (r.goal == goal && r.keywords.Contains(text.substr(digits))) return goal;
    return std::nullopt;
  }

  // Gives a piece of text the meaning its label says.
  void Take(const std::string& role, TextPiece piece, std::string_view label = "") {
    piece = Trim(piece);
    if (piece.text.empty()) return;
    if (role == "department") {
      if (meta_.department.empty())
        meta_.department = std::string(piece.text), meta_.department_loc = piece.Loc();
      return;
    }
    if (role == "author_title") {
      if (meta_.author_title.empty()) meta_.author_title = std::string(piece.text);
      return;
    }
    if (role == "author_name") {
      if (meta_.author_name.empty()) meta_.author_name = std::string(piece.text);
      // 部長名 | 村田 清和: the label names the title.
      std::string l = StripSpaces(label);
      if (meta_.author_title.empty() && l.size() > 3 && l.ends_with("名") && l != "氏名")
        meta_.author_title = l.substr(0, l.size() - 3);
      return;
    }
    if (!in_area_) return;
    Draft* d = Current();
    if (role == "goal_title") {
      if (d == nullptr) {
        StartGoal(kUnnumbered, "", piece, piece.Loc());
        Current()->from_title_column = true;
      } else if (d->goal.title.empty())
        SetTitle(piece);
      else
        d->description.push_back(piece);
      return;
    }
    if (d == nullptr) return;
    if (role == "target_block") {
      d->has_block_targets = true;
      bool read = false;
      for (TextPiece item : SplitItems(piece)) {
        auto t = targets_.FromBlockItem(item, fiscal_year_, warnings_);
        if (!t) continue;
        read = true;
        // 指標名 | 利用者数 above 目標値 | 5,000人: the label row names what the value measures.
        if (t->metric.empty() && !d->metric.empty()) t->metric = d->metric;
        // …を850g以下にします。(令和3年度実績:912g): the result printed beside it is an actual.
        targets_.ActualsInLine(item, t->metric, d->goal.actuals);
        d->goal.targets.push_back(std::move(*t));
      }
      // A 達成水準 that states no figure (…の改善・追加募集の実施) is the goal's text all the same.
      if (!read) d->description.push_back(piece);
    } else if (role == "metric" && !IsBareValue(piece.text) &&
               std::any_of(piece.text.begin(), piece.text.end(),
                           [](char c) { return c >= '0' && c <= '9'; })) {
      // 【成果指標】自治会加入率 70%以上: a metric label followed by its value is a target. (A bare
      // value in a table read one cell per line, 指標名 / 観光客数 / 558.7万人, may be any
      // column's.)
      Take("target_block", piece, label);
    } else if (role == "metric") {
      d->metric = std::string(piece.text);
      for (Target& t : d->goal.targets)
        if (t.metric.empty()) t.metric = d->metric;
    } else if (role == "owner") {
      if (d->goal.owner.empty()) d->goal.owner = std::string(piece.text);
    } else if (role == "rating") {
      if (auto r = RatingOf(rules_, piece.text, true); r && !d->goal.rating) d->goal.rating = r;
    } else if (role == "policy_refs") {
      AddPolicyRefs(piece.text);
    } else if (role == "goal_statement") {
      if (d->statement.empty()) d->statement = std::string(piece.text);
      d->description.push_back(piece);
    } else {
      d->description.push_back(piece);
    }
  }

  // A cell or line split at its 【labels】; unlabelled text takes `role`.
  // A line split at the 【brackets】 that hold a known label, each with its role.
  std::vector<LabelledPiece> SplitLabels(const Line& line) const {
    return SplitBracketLabels(WholeLine(line),
                              [&](std::string_view l) { return rules_.labels.Classify(l); });
  }

  // `label` is the label cell the text is the value of, if any.
  void TakeLabelled(const std::string& role, const Line& line, std::string_view label = "") {
    TakeParts(role, SplitLabels(line), label);
  }

  // A line already split by SplitLabels.
  void TakeParts(const std::string& role, const std::vector<LabelledPiece>& parts,
                 std::string_view label = "") {
    for (const LabelledPiece& part : parts) {
      std::string r = part.label.empty() ? role : part.role;
      if (!part.label.empty() && !Current()) continue;
      if (!part.label.empty()) role_ = r;
      Take(r, part.body, part.label.empty() ? label : part.label);
    }
  }

  bool IsLegend(size_t index, const RatingScale& scale) const {
    std::vector<bool> seen(scale.inside.size(), false);
    const auto& units = *units_;
    for (size_t k = index >= 3 ? index - 3 : 0; k < std::min(units.size(), index + 4); ++k) {
      if (units[k].IsRow()) continue;
      for (size_t lv = 0; lv < scale.inside.size(); ++lv)
        if (scale.inside[lv].Contains(units[k].line->text)) seen[lv] = true;
    }
    return std::count(seen.begin(), seen.end(), true) >= 3;
  }

  const RatingScale* ScaleOf(const Rating& r) const {
    for (const RatingScale& s : rules_.scales)
      if (s.id == r.scale) return &s;
    return nullptr;
  }

  // "第5次総合計画などの推進 目標どおり達成": the rating and where its label starts.
  std::optional<std::pair<Rating, size_t>> RatingAtEnd(std::string_view text) const {
    if (!rules_.MayHoldRating(text)) return std::nullopt;
    Match m;
    for (const RatingScale& s : rules_.scales) {
      if (!s.at_line_end) continue;
      std::optional<std::pair<Rating, size_t>> best;
      for (size_t lv = 0; lv < s.suffix.size(); ++lv) {
        if (!s.suffix[lv].Find(text, 0, m)) continue;
        size_t begin = m.begin;
        while (begin < text.size() && text[begin] == ' ') ++begin;
        if (begin == 0) continue;  // the whole line: a rating-only line
        if (!best || begin < best->second) {
          best = std::make_pair(Rating{std::string(text.substr(begin)), s.id,
                                       static_cast<int>(lv) + 1, static_cast<int>(s.inside.size())},
                                begin);
        }
      }
      if (best) return best;
    }
    return std::nullopt;
  }

  // A long line that runs plan items together (PDF text of a whole page on one line): each
  // match of an in-line numbering scheme starts a goal, and the text up to the next one is its
  // description. False when the line holds none.
  bool SplitInlineGoals(const Line& line) {
    if (!in_area_ || line.text.size() <= kShortLabel) return false;
    std::vector<InlineNumber> found = rules_.FindInlineNumbers(line.text);
    if (found.empty()) return false;
    TextPiece whole = WholeLine(line);
    if (found.front().begin > 0) Take(role_, whole.Sub(0, found.front().begin));
    for (size_t i = 0; i < found.size(); ++i) {
      const InlineNumber& n = found[i];
      size_t next = i + 1 < found.size() ? found[i + 1].begin : line.text.size();
      if (n.title_end > next) continue;  // overlaps the next match
      // The same number and title again (a running header printed above the sheet's own
      // title): text. The same number with another title is a goal of its own (基本目標1
      // before and after a plan's revision).
      if (Current() != nullptr && Current()->goal.number == n.number.number &&
          SameTitle(Current()->goal.title,
                    line.text.substr(n.number.title_begin, n.title_end - n.number.title_begin))) {
        Take("description", whole.Sub(n.begin, next));
        continue;
      }
      StartGoal(n.number.scheme, n.number.number, whole.Sub(n.number.title_begin, n.title_end),
                line.LocAt(n.begin));
      Take("description", whole.Sub(n.title_end, next));
    }
    return true;
  }

  // One title printed again, perhaps cut short or with the next cell run into it.
  static bool SameTitle(std::string_view a, std::string_view b) {
    std::string x = StripSpaces(a), y = StripSpaces(b);
    if (x.empty() || y.empty()) return x == y;
    return x.starts_with(y) || y.starts_with(x);
  }

  // A plan's place printed in a block of a sheet (1.施策の体系 / 総合計画 第5章 ○○ 第3節 ○○ /
  // 基本計画 (1)○○): the levels named after the block's label (the `after` of the scoped in-line
  // schemes), on its line or the lines right below it, are the plan's goals. A level already
  // read as a goal (the sheet's own 施策名) is not read twice.
  bool SplitScopedGoals(const Line& line) {
    if (!in_area_) return false;
    size_t from = 0;
    size_t context = rules_.ScopeContextEnd(line.text);
    if (context != std::string_view::npos && context <= kShortLabel) {
      in_scope_ = true;
      from = context;
    } else if (!in_scope_) {
      return false;
    }
    std::vector<InlineNumber> found = rules_.FindInlineNumbers(line.text, true, from);
    // The plan's own levels run into the block (施策体系 基本目標1 ○○ (1)○○ 基本目標2 ○○): the
    // in-line schemes read anywhere, in line order with the block's, a match inside another's
    // title left out.
    if (!found.empty()) {
      std::vector<InlineNumber> levels = rules_.FindInlineNumbers(line.text, false, from);
      found.insert(found.end(), levels.begin(), levels.end());
      std::sort(found.begin(), found.end(),
                [](const InlineNumber& a, const InlineNumber& b) { return a.begin < b.begin; });
      size_t covered = 0;
      std::erase_if(found, [&](const InlineNumber& n) {
        if (n.begin < covered) return true;
        covered = n.title_end;
        return false;
      });
    }
    if (found.empty()) {
      in_scope_ = from > 0;  // the label alone: its levels are on the lines below
      return from > 0 && line.text.size() - from <= kShortLabel;
    }
    TextPiece whole = WholeLine(line);
    for (const InlineNumber& n : found) {
      TextPiece title = whole.Sub(n.number.title_begin, n.title_end);
      bool known = std::any_of(drafts_.begin(), drafts_.end(), [&](const Draft& d) {
        return !d.dropped && StripSpaces(d.goal.title) == StripSpaces(title.text);
      });
      if (!known) StartGoal(n.number.scheme, n.number.number, title, line.LocAt(n.begin));
    }
    return true;
  }

  // A plan area's heading: a few words, no number, no sentence, no figure.
  static bool IsHeadingText(std::string_view text) {
    if (text.size() < 12 || text.size() > kShortLabel || text.ends_with("。")) return false;
    for (char c : text)
      if ((c >= '0' && c <= '9') || c == '(' || c == ')' || c == ':' || c == '|' || c == ' ')
        return false;
    return true;
  }

  // The heading of an indicator table (支え合うまちづくり / 指標 | 単位 | 現状値): a short line
  // right above the table's header row, or run into its start when the PDF joined the two
  // (健康づくりの推進主要施策コード | 成果指標). A heading already read as a goal is not read
  // twice.
  bool TakeTableHeading(size_t index) {
    if (rules_.table_headers.empty()) return false;
    const Line& line = *(*units_)[index].line;
    size_t at = rules_.TableHeaderAt(line.text);
    size_t heading_begin = 0, heading_end = 0;
    if (at != std::string_view::npos && at > 0) {
      heading_end = at;
    } else if (index + 1 < units_->size()) {
      const Unit& next = (*units_)[index + 1];
      std::string_view below = next.IsRow() ? CellText(*next.cells.front()) : next.line->text;
      if (rules_.TableHeaderAt(below) == 0) {
        heading_end = line.text.size();
        // The heading run onto the end of the table row above it (…40% 60%活気あるまちづくり):
        // the words after the row's last figure, when they are long enough to be one.
        if (at == 0 || !IsHeadingText(line.text)) {
          size_t last = line.text.find_last_of("0123456789%|() :");
          heading_begin = last == std::string_view::npos ? 0 : last + 1;
          if (heading_end - heading_begin < 18) return false;  // six kanji or more
        }
      }
    }
    if (heading_end == 0 ||
        !IsHeadingText(line.text.substr(heading_begin, heading_end - heading_begin)))
      return false;
    if (heading_begin > 0) Take("description", WholeLine(line).Sub(0, heading_begin));
    TextPiece heading = WholeLine(line).Sub(heading_begin, heading_end);
    bool known = std::any_of(drafts_.begin(), drafts_.end(), [&](const Draft& d) {
      return !d.dropped && StripSpaces(d.goal.title) == StripSpaces(heading.text);
    });
    stack_.clear();
    if (!known) StartGoal(kHeadingScheme, "", heading, line.loc);
    if (heading_end < line.text.size()) Take("description", WholeLine(line).Sub(heading_end));
    return true;
  }

  // A table of plan items flattened into the line (具体的な施策 具体的な取組み KPI … then the
  // cells): the line's own goals and text as usual, then each item a goal under them.
  bool StartFlatCellGoals(const Line& line) {
    if (line.text.size() <= kShortLabel) return false;
    std::vector<size_t> breaks;  // where the rows that normalization joined meet
    for (size_t a = 1; a < line.anchors.size(); ++a)
      if (line.anchors[a].loc.line != line.anchors[a - 1].loc.line)
        breaks.push_back(line.anchors[a].offset);
    std::vector<FlatCellTitle> titles = ReadFlatCellTitles(line.text, rules_.cells, breaks);
    if (titles.empty()) return false;
    if (!SplitScopedGoals(line) && !SplitInlineGoals(line)) Take(role_, WholeLine(line));
    for (FlatCellTitle& t : titles) {
      StartGoal(kFlatCellScheme, "", TextPiece{}, line.LocAt(t.begin));
      Current()->goal.title = std::move(t.title);
    }
    return true;
  }

  void ProcessLine(size_t index) {
    const Unit& unit = (*units_)[index];
    const Line& line = *unit.line;
    std::string_view text = line.text;
    if (text.empty() || AnyContains(rules_.skip, text)) return;
    if (StartFlatCellGoals(line)) return;
    if (SplitScopedGoals(line) || SplitInlineGoals(line)) return;
    std::optional<NumberMatch> number = rules_.MatchNumber(text);
    // "- 空き家の利活用の推進": an item of a Markdown list reads as a bullet.
    if (!number && unit.block->kind == BlockKind::kListItem && &line == &unit.block->lines.front())
      if (int bullets = ListScheme(); bullets >= 0) number = NumberMatch{bullets, "-", 0};
    // "C3-1" alone on its line: the line below is its title.
    if (title_below_) {
      title_below_ = false;
      if (Draft* d = Current();
          d != nullptr && d->goal.title.empty() && !number && text.size() <= 2 * kShortLabel) {
        SetTitle(WholeLine(line));
        d->goal.loc = line.loc;
        return;
      }
    }

    // A line that is only a label (or only 【labels】): it changes what follows. Its split is
    // kept for TakeParts below.
    std::vector<LabelledPiece> parts;
    if (text.size() <= kShortLabel) {
      std::string_view label = number ? text.substr(number->title_begin) : text;
      std::vector<std::string> roles;
      parts = SplitLabels(line);
      if (parts.size() > 1 && parts.front().body.text.empty() &&
          std::all_of(parts.begin() + 1, parts.end(),
                      [](const LabelledPiece& p) { return p.body.text.empty(); })) {
        for (size_t i = 1; i < parts.size(); ++i) roles.push_back(parts[i].role);
      } else if (std::string role = rules_.labels.Classify(label); !role.empty()) {
        roles.push_back(role);
      }
      if (!roles.empty()) {
        if (std::find(roles.begin(), roles.end(), "goal_section") != roles.end()) {
          in_area_ = saw_goal_section_ = true;
          // (a bulleted heading does not make the next bullet a new section)
          area_scheme_ = number && !IsList(number->scheme) ? number->scheme : -1;
          list_may_start_ = true;
          area_heading_level_ = unit.block->kind == BlockKind::kHeading ? unit.block->level : 0;
          stack_.clear();
          return;
        }
        if (roles.front() == "section_end") {
          if (saw_goal_section_) in_area_ = false;
          stack_.clear();
          return;
        }
        if (roles.size() == 1 && roles.front() == "item_list") {
          role_ = "description";
          list_may_start_ = true;  // its bullets are the current level's items
          return;
        }
        if (roles.size() == 1) {
          role_ = roles.front();  // what the lines below it are
          // A lettered part of a sheet (イ 基本施策の評価) belongs to the sheet's own goal, not
          // to the last sub-item listed above it.
          if (number && SchemeOf(number->scheme)->label_only && stack_.size() > 1) stack_.resize(1);
          return;
        }
      }
    }
    if (in_area_ && area_scheme_ >= 0 && number && number->scheme == area_scheme_) {
      in_area_ = false;  // the next section, numbered like the one that opened the goals
      stack_.clear();
      return;
    }
    // A bullet starts a goal only on the line right after a goal_section label, or next to a
    // goal it started; elsewhere it is text.
    bool list_ok = list_may_start_ || (!stack_.empty() && IsList(stack_.back().first));
    list_may_start_ = false;
    const NumberingScheme* scheme = number ? SchemeOf(number->scheme) : nullptr;
    if (scheme != nullptr && ((scheme->list && !list_ok) || scheme->label_only)) {
      number.reset();
      scheme = nullptr;
    }
    if (!in_area_) return;
    if (scheme != nullptr && scheme->alone && number->title_begin >= text.size() &&
        unit.block->kind != BlockKind::kTableCell) {
      StartGoal(number->scheme, number->number, TextPiece{}, line.loc);
      title_below_ = true;
      return;
    }

    // "## 重点施策" then "### 子育て支援の充実": headings under the heading that opened the goals.
    if (unit.block->kind == BlockKind::kHeading && area_heading_level_ > 0 &&
        unit.block->level > area_heading_level_ && !number) {
      StartGoal(kHeadingScheme + unit.block->level, "", WholeLine(line), line.loc);
      return;
    }

    // A line that is only a rating label.
    if (auto rating = RatingOf(rules_, text, role_ == "rating")) {
      if (const RatingScale* s = ScaleOf(*rating); s && IsLegend(index, *s)) return;
      Draft* d = Current();
      // Under a rating label, or right after a title: the current goal's rating.
      if (d != nullptr && !d->goal.rating && (role_ == "rating" || d->description.empty())) {
        d->goal.rating = rating;
        return;
      }
      // The title is the line before, which was taken as the previous goal's text.
      TextPiece title{};
      if (d != nullptr && !d->description.empty() && index > 0 &&
          d->description.back().line == (*units_)[index - 1].line) {
        title = d->description.back();
        d->description.pop_back();
      }
      if (title.text.empty()) return;  // a rating with nothing to rate: leave it
      std::optional<NumberMatch> title_number = rules_.MatchNumber(title.text);
      StartGoal(title_number ? title_number->scheme : kUnnumbered,
                title_number ? title_number->number : "",
                title_number ? title.Sub(title_number->title_begin) : title, title.Loc());
      Current()->goal.rating = rating;
      return;
    }
    if (auto at_end = RatingAtEnd(text)) {
      const RatingScale* s = ScaleOf(at_end->first);
      if (s && !IsLegend(index, *s)) {
        TextPiece title = WholeLine(line).Sub(0, at_end->second);
        StartGoal(number ? number->scheme : kUnnumbered, number ? number->number : "",
                  number ? title.Sub(number->title_begin) : title, line.loc);
        Current()->goal.rating = at_end->first;
        return;
      }
    }
    // ①②③ items printed below a table whose 達成目標 cell is still waiting for its value, or
    // under a 達成目標 line: targets, unless numbered like a goal already open (the next goal).
    bool scheme_open = number && std::any_of(stack_.begin(), stack_.end(), [&](const auto& s) {
                         return s.first == number->scheme;
                       });
    if (number && Current() != nullptr && !scheme_open &&
        rules_.numbering[static_cast<size_t>(number->scheme)].item &&
        (TargetBlockPending() || role_ == "target_block")) {
      Take("target_block", WholeLine(line));
      return;
    }
    if (number && number->title_begin < text.size() && unit.block->kind != BlockKind::kTableCell) {
      StartGoal(number->scheme, number->number, TextPiece{}, line.loc);
      TakeTitleOrLabel(WholeLine(line).Sub(number->title_begin));
      return;
    }
    if (!number && TakeTableHeading(index)) return;
    // "施策名 窓口サービスの向上(市民課)", "取組項目:窓口予約の導入": a title label and its value
    // on one line, as web pages print the two cells of a sheet.
    if (size_t space = text.find_first_of(" :");
        !number && space != std::string_view::npos && space <= kShortLabel &&
        rules_.labels.Has(text.substr(0, space), "goal_title")) {
      Take("goal_title", WholeLine(line).Sub(space + 1));
      return;
    }
    if (parts.empty()) parts = SplitLabels(line);
    TakeParts(role_, parts);
  }

  void TakeCell(const std::string& role, const Block& cell, std::string_view label = "") {
    for (const Line& line : cell.lines) TakeLabelled(role, line, label);
  }

  std::string_view CellText(const Block& cell) const { return cell.lines.front().text; }

  // A short cell's lines run together, for recognising labels and SDG tags that a narrow
  // column wrapped (達成 / 目標, 8 働きが / いの経済 / 成長も).
  std::string CellLabel(const Block& cell) const {
    std::string text;
    for (const Line& l : cell.lines) text += l.text;
    return text.size() <= kShortLabel ? text : std::string();
  }

  // The label of an earlier row still waiting for its value at (or next to) `column`.
  std::map<int, std::string>::iterator FindPending(int column) {
    return column_pending_.find(column);
  }
  bool TargetBlockPending() const {
    return std::any_of(column_pending_.begin(), column_pending_.end(),
                       [](const auto& p) { return p.second == "target_block"; });
  }
  bool PendingFor(int column) { return FindPending(column) != column_pending_.end(); }

  // A row under a KPI header (指標 | 現状値 | 目標値): one target of the current goal.
  bool TakeKpiRow(const std::vector<const Block*>& cells) {
    auto column_of = [&](std::string_view role) {
      for (const auto& [col, r] : column_roles_)
        if (r == role) return col;
      return -1;
    };
    int metric_col = column_of("metric"), target_col = column_of("target_block");
    if (metric_col < 0 || target_col < 0 || !in_area_) return false;
    int baseline_col = column_of("baseline");
    int goal_col = column_of("goal_title");
    if (goal_col < 0) goal_col = column_of("goal_column");
    TextPiece metric{}, target{}, baseline{}, goal{};
    for (const Block* c : cells) {
      TextPiece text = WholeLine(c->lines.front());
      if (c->column == goal_col)
        goal = text;
      else if (c->column == metric_col)
        metric = text;
      else if (c->column == target_col)
        target = text;
      else if (c->column == baseline_col)
        baseline = text;
    }
    if (target.text.empty()) return false;
    // The header's second row, years under their roles (現状値 / (2014年度), 目標値 / (2019年度)):
    // the years of the columns, for the rows below.
    std::string_view bare = Trim(target).text;
    if (bare.starts_with("(") && bare.ends_with(")") && targets_.YearIn(bare) != 0) {
      for (const Block* c : cells)
        if (int y = targets_.YearIn(CellText(*c)); y != 0) column_years_[c->column] = y;
      return true;
    }
    // 施策 | 指標 | 目標値: a row whose plan-item cell is filled opens that item (a cell left
    // blank continues the item above, as merged cells print).
    goal = Trim(goal);
    if (!goal.text.empty() && !IsResidue(goal.text) &&
        (Current() == nullptr || !SameTitle(Current()->goal.title, goal.text))) {
      StartGoal(kUnnumbered, "", goal, goal.Loc());
      Current()->from_title_column = true;
    }
    if (Current() == nullptr) StartGoal(kUnnumbered, "", TextPiece{}, target.Loc());
    Draft* d = Current();
    d->has_block_targets = true;
    if (auto t = targets_.FromTableRow(metric, target, baseline, fiscal_year_, warnings_)) {
      // A year its column's header names (目標値(H31), or a row of years below the header).
      auto year = [&](int column) {
        auto it = column_years_.find(column);
        return it == column_years_.end() ? 0 : it->second;
      };
      if (t->fiscal_year == 0) t->fiscal_year = year(target_col);
      if (t->baseline && t->baseline->fiscal_year == 0 && t->baseline->date.empty())
        t->baseline->fiscal_year = year(baseline_col);
      d->goal.targets.push_back(std::move(*t));
    }
    return true;
  }

  void ProcessRow(const Unit& unit) {
    std::vector<const Block*> cells;
    for (const Block* c : unit.cells)
      if (AnyContains(rules_.skip, CellText(*c)))
        return;  // a table of contents laid out in columns
    for (const Block* c : unit.cells)
      if (!IsResidue(CellText(*c)) || c->lines.size() > 1 || IsNumbered(CellText(*c)))
        cells.push_back(c);
    if (cells.empty()) return;

    // A header row: every cell a label. Its columns give roles to the rows below.
    if (cells.size() >= 2) {
      std::map<int, std::string> roles;
      for (const Block* c : cells) {
        std::string role = rules_.labels.Classify(CellLabel(*c));
        if (role.empty()) {
          roles.clear();
          break;
        }
        roles[c->column] = role;
      }
      if (!roles.empty()) {
        bool opens = false;
        for (auto& [col, role] : roles)
          opens |= role == "goal_section" || role == "goal_title" || role == "goal_column" ||
                   role == "goal_statement" || role == "metric";
        if (opens && !in_area_) in_area_ = true;
        column_years_.clear();
        for (const Block* c : cells)
          if (int y = targets_.YearIn(CellText(*c)); y != 0) column_years_[c->column] = y;
        column_roles_ = std::move(roles);
        return;
      }
    }

    if (TakeKpiRow(cells)) return;
    if (cells.front()->table != goal_columns_table_) {
      goal_columns_.clear();
      goal_columns_table_ = cells.front()->table;
    }

    size_t next = 0;
    bool started_goal = false;  // this row started a goal already
    std::string pending_from_number, pending_label_from_number;
    const Block& first = *cells.front();
    std::optional<NumberMatch> number = rules_.MatchNumber(CellText(first));
    // A numbered first cell starts a goal, unless it is the value a label above is waiting for
    // (①②③ target items written under 達成目標) or it sits right of the row's label columns.
    if (number && in_area_ && StartsGoal(number->scheme) && !SdgOf(CellText(first)) &&
        (first.column <= 1 || goal_columns_.count(first.column) > 0) && !PendingFor(first.column)) {
      StartGoal(number->scheme, number->number, TextPiece{}, first.lines.front().loc);
      Current()->from_row = true;
      goal_columns_.insert(first.column);
      started_goal = true;
      // "(1) 実現したい成果": the number and the label of the next cell, run together.
      std::string label_role =
          TakeTitleOrLabel(WholeLine(first.lines.front()).Sub(number->title_begin));
      if (!label_role.empty()) {
        pending_from_number = label_role;
        pending_label_from_number =
            std::string(Trim(WholeLine(first.lines.front()).Sub(number->title_begin)).text);
      }
      next = 1;
    }
    std::string pending = pending_from_number;
    std::string pending_label = pending_label_from_number;
    int pending_column = pending.empty() ? -1 : first.column;
    for (size_t i = next; i < cells.size(); ++i) {
      const Block& cell = *cells[i];
      std::string joined = CellLabel(cell);
      std::string_view text = joined.empty() ? CellText(cell) : std::string_view(joined);
      if (auto sdg = SdgOf(text)) {
        if (Draft* d = Current();
            d && in_area_ &&
            std::find(d->goal.sdgs.begin(), d->goal.sdgs.end(), *sdg) == d->goal.sdgs.end())
          d->goal.sdgs.push_back(*sdg);
        continue;
      }
      // A plan's levels in columns (1 ○○ | (1)○○ | ①○○): a numbered cell in an unlabelled
      // column right of a level started on this row, or in a column that held levels before,
      // is the next level down.
      if (in_area_ && pending.empty() && !PendingFor(cell.column) &&
          column_roles_.find(cell.column) == column_roles_.end() &&
          (started_goal || goal_columns_.count(cell.column) > 0)) {
        if (auto n = rules_.MatchNumber(CellText(cell)); n && StartsGoal(n->scheme)) {
          StartGoal(n->scheme, n->number, TextPiece{}, cell.lines.front().loc);
          Current()->from_row = true;
          TakeTitleOrLabel(WholeLine(cell.lines.front()).Sub(n->title_begin));
          goal_columns_.insert(cell.column);
          started_goal = true;
          continue;
        }
      }
      std::string role = rules_.labels.Classify(joined);
      if (role == "policy_refs") {
        if (in_area_) AddPolicyRefs(text);
        continue;
      }
      if (!role.empty()) {
        if (!pending.empty()) column_pending_[pending_column] = pending;
        pending = role;
        pending_label = std::string(text);
        pending_column = cell.column;
        continue;
      }
      if (!pending.empty()) {
        TakeCell(pending, cell, pending_label);
        pending.clear();
        continue;
      }
      auto waiting = FindPending(cell.column);
      if (waiting != column_pending_.end()) {
        std::string role =
            waiting->second;  // erase first: TakeCell may start a goal and clear the map
        column_pending_.erase(waiting);
        TakeCell(role, cell);
      } else if (auto it = column_roles_.find(cell.column); it != column_roles_.end()) {
        std::string role = it->second;
        // Under a header (重点施策 | 実績 | 評価), each row's title cell is a goal of its own.
        if (role == "goal_section" || role == "goal_column") role = "goal_title";
        // (Only in a table of such rows: where goals are numbered, a title cell fills their title
        // and a cell split by a page break only continues it.)
        // A heading's goal above the table (基本目標1 then 施策 | 主な取組 | 担当課): each title
        // cell is an item under it.
        if (role == "goal_title" && in_area_ && Current() != nullptr &&
            (Current()->from_title_column || !Current()->from_row) &&
            !Current()->goal.title.empty() && !started_goal) {
          StartGoal(kUnnumbered, "", WholeLine(cell.lines.front()), cell.lines.front().loc);
          Current()->from_title_column = true;
          started_goal = true;
          continue;
        }
        TakeCell(role, cell);
      } else {
        TakeCell("description", cell);
      }
    }
    if (!pending.empty()) column_pending_[pending_column] = pending;
  }

  SegmentResult Finish() {
    SegmentResult out;
    out.goals.reserve(drafts_.size());
    std::map<std::string, std::string> parent_of_dropped;
    for (Draft& d : drafts_) {
      Goal& g = d.goal;
      if (auto p = parent_of_dropped.find(g.parent_id); p != parent_of_dropped.end())
        g.parent_id = p->second;
      if (d.dropped) {
        parent_of_dropped[g.id] = g.parent_id;
        continue;
      }
      if (g.title.empty()) g.title = d.statement;
      std::string description;
      for (const TextPiece& p : d.description) {
        if (!description.empty()) description += "\n";
        description += p.text;
      }
      g.description = description;
      for (const TextPiece& p : d.description) {
        targets_.ActualsInLine(p, "", g.actuals);
        // A line with targets written as lists write them (婚姻率:5.5‰(平成25年)→5.9‰(平成31年))
        // is read by those patterns only: its sentences would give the same values again.
        if (targets_.InLine(p, fiscal_year_, g.targets, g.actuals, warnings_) > 0 ||
            d.has_block_targets)
          continue;
        for (TextPiece sentence : SplitSentences(p))
          if (auto t = targets_.FromSentence(sentence, fiscal_year_, warnings_))
            g.targets.push_back(std::move(*t));
      }
      out.goals.push_back(std::move(g));
    }
    out.metadata = meta_;
    out.warnings = std::move(warnings_);
    return out;
  }

  const CompiledRules& rules_;
  const TargetBuilder& targets_;
  int fiscal_year_;
  const std::vector<Unit>* units_ = nullptr;
  bool in_area_;
  bool saw_goal_section_ = false;
  int area_scheme_ = -1;
  bool list_may_start_ = false;  // the previous line was a goal_section label
  int area_heading_level_ = 0;   // level of the heading that opened the goals area, 0 if none
  std::string role_ = "description";
  // A deque: a long plan has thousands of goals, and a vector moved every one of them (a few
  // hundred bytes each) into fresh memory each time it grew.
  std::deque<Draft> drafts_;
  std::vector<std::pair<int, size_t>> stack_;  // (numbering scheme, draft) from the top level down
  std::map<int, std::string> column_roles_;
  std::map<int, int> column_years_;  // the fiscal year a header cell names, by column
  std::set<int> goal_columns_;  // columns of the current table whose numbered cells were levels
  int goal_columns_table_ = -1;
  std::map<int, std::string> column_pending_;
  std::set<std::pair<std::string, int>> restarted_lists_;  // (parent id, scheme) read as a table
  bool in_scope_ = false;     // the lines below a plan-structure label (施策の体系)
  bool title_below_ = false;  // a number alone on its line: the next line is its title
  LabelledMetadata meta_;
  std::vector<Warning> warnings_;
};

}  // namespace

std::optional<Rating> RatingOf(const CompiledRules& rules, std::string_view text, bool labelled) {
  // The first level (scales in order, then levels) that the whole text is: the set's indices
  // ascend in that same order.
  for (int hit : rules.whole_rating.Matching(text)) {
    auto [scale, lv] = rules.rating_levels[static_cast<size_t>(hit)];
    const RatingScale& s = rules.scales[scale];
    if (s.label_context && !labelled) continue;
    return Rating{std::string(text), s.id, static_cast<int>(lv) + 1,
                  static_cast<int>(s.inside.size())};
  }
  return std::nullopt;
}

SegmentResult Segment(const Document& doc, const CompiledRules& rules, const TargetBuilder& targets,
                      int fiscal_year) {
  std::vector<Unit> units = BuildUnits(doc);
  Segmenter by_sections(rules, targets, fiscal_year, false);
  SegmentResult result = by_sections.Run(units);
  // No goal_section label line, or one that led nowhere: the whole document is the goals area
  // (a header row of labels may have opened an area above, but is no section of its own).
  if (!by_sections.SawGoalSection() || result.goals.empty()) {
    Segmenter whole(rules, targets, fiscal_year, true);
    SegmentResult second = whole.Run(units);
    if (!second.goals.empty() || !by_sections.SawGoalSection()) return second;
  }
  return result;
}

}  // namespace gyosei::extract
