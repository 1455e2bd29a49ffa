// The extractor's rules, compiled once from rules/*.rules (see rules/README.md for the
// format and each kind). Internal to the extract module.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "rules/rule_files.h"
#include "rules/rule_set.h"

namespace gyosei::extract {

// labels.rules: which role a label word plays (goal_section, target_block, description ...).
class LabelRules {
 public:
  // The role of `label` ("" when it is no known label). Spaces, a trailing ':' and 【】 are
  // ignored.
  std::string Classify(std::string_view label) const;
  // Whether `label` is a label of `role`, even when another role's pattern is written first.
  bool Has(std::string_view label, std::string_view role) const;
  void Add(std::string role, const Pattern& p, std::string& errors);
  Status Compile() { return set_.Compile(); }

 private:
  PatternSet set_{PatternSet::Anchor::kBoth};
  std::vector<std::string> roles_;  // per pattern index
};

struct NumberingScheme {
  std::string name;
  std::vector<Pattern> patterns;
  bool item = false;        // also numbers list items (①②③ under 達成目標)
  bool in_line = false;     // also searched inside long lines (PDF text run together)
  bool list = false;        // starts goals only right under a goal_section label (bullets)
  bool alone = false;       // the number may stand alone on its line, the title on the next one
  bool label_only = false;  // numbers only the parts of a sheet (ア 施策の目的): never a goal
  // `after`: an in-line scheme searched only after one of these words (施策の体系, 位置付け), in
  // the same line or the lines right below it; empty: searched in every long line.
  std::vector<Pattern> after;
};

struct NumberMatch {
  int scheme = -1;
  std::string number;  // as printed, spaces removed: "(1)", "①", "部局目標2"
  size_t title_begin = 0;
};

// Where an in-line scheme's number and title lie in a line.
struct InlineNumber {
  NumberMatch number;
  size_t begin = 0, title_end = 0;
};

struct RatingScale {
  std::string id;
  bool at_line_end = false;
  bool label_context = false;
  std::vector<Pattern> inside;  // level i (0-based) as written: FullMatch = the whole rating text,
                                // Contains = printed somewhere (a legend)
  std::vector<Pattern> suffix;  // level i at the end of a line, after a space
  std::vector<std::string> bands;
};

struct DocType {
  std::string type;
  std::vector<Pattern> patterns;
};

struct TargetRules {
  std::vector<Pattern> commit, not_commit, context, implies_eq, metric_prefix, metric_suffix,
      statement;
  // A parenthetical after the value that restates the target rather than giving its baseline
  // (年12人(延べ300日), 年3人(5年間で15人)): matched at its start, inside the parentheses.
  std::vector<Pattern> restatement;
  // Targets written inside a line (①婚姻率:5.5‰(平成25年)→5.9‰(平成31年), 目標値 30%以上): named
  // groups value or item, and optionally metric, baseline, baseline_year, year.
  std::vector<Pattern> in_line;
  // Headers over progress rows (KPI(令和6年度まで) KPI(令和3年度)): groups `due` (the target
  // column's year or due month) and `measured` (the results column's year), for the rows after.
  std::vector<Pattern> progress_header;
  // [actual] in_line: measured values written inside a line (令和4年度実績:38.1%); named groups
  // value (required), year.
  std::vector<Pattern> actual_in_line;
};

struct SdgRule {
  int goal = 0;
  Pattern keywords;
};

struct MetadataRules {
  std::vector<Pattern> department, department_label, department_label_line, department_value_line,
      author_title, author_name, author_line, owner, policy_ref, period_cue, results_year,
      report_year, evaluated_year, results_report;
  std::vector<SdgRule> sdg;
};

// [cells]: a table of plan items flattened to one line, its cells' wrapped pieces interleaved
// (具体的な施策 具体的な取組み KPI … then the cells); see flat_cells.h.
struct FlatCellRules {
  std::vector<Pattern> goal_header;   // a header cell over a column of plan items
  std::vector<Pattern> other_header;  // a header cell of the columns beside them (KPI, 達成率)
  std::vector<Pattern> title_end;     // how a plan item's title ends (…の推進, …支援)
};

struct CompiledRules {
  LabelRules labels;
  FlatCellRules cells;
  std::vector<NumberingScheme> numbering;
  std::vector<Pattern> skip;  // [skip]: lines that are neither goals nor text (tables of contents)
  // [heading] above_table: how an indicator table's header row starts (指標, 主要施策コード); the
  // short line right above it is the heading of the plan area the table measures.
  std::vector<Pattern> table_headers;
  // Where the first table header starts in `line`, or npos.
  size_t TableHeaderAt(std::string_view line) const;
  std::vector<RatingScale> scales;
  std::vector<DocType> doctypes;
  TargetRules targets;
  MetadataRules metadata;
  std::string version;

  // Prefilters, one RE2::Set match a line instead of one regex per rule: whether any rating
  // level appears in a line, whether any numbering pattern can match at its start.
  PatternSet any_rating{PatternSet::Anchor::kUnanchored, PatternSet::Exactness::kPrefilter};
  PatternSet any_number{PatternSet::Anchor::kStart, PatternSet::Exactness::kPrefilter};
  bool MayHoldRating(std::string_view line) const { return any_rating.AnyMatches(line); }
  // Every scale's levels again, anchored at both ends: which levels a whole text is (one
  // FullMatch each, at once; the DFA gives up at the first character no level continues
  // with instead of reading the whole line). rating_levels maps a set index to (scale, level).
  PatternSet whole_rating{PatternSet::Anchor::kBoth};
  // targets.commit at once: whether a sentence holds a commitment is one pass over it, not one
  // per pattern (most sentences hold none, so every pattern read them to the end).
  PatternSet any_commit{PatternSet::Anchor::kUnanchored};
  bool Commits(std::string_view sentence) const { return any_commit.AnyMatches(sentence); }
  std::vector<std::pair<size_t, size_t>> rating_levels;

  // The first numbering scheme matching at the start of `line`.
  std::optional<NumberMatch> MatchNumber(std::string_view line) const;
  // Every match of the `inline = yes` schemes in `line` (from byte `from`), in line order.
  // `scoped`: the schemes with an `after` context instead of those without one.
  std::vector<InlineNumber> FindInlineNumbers(std::string_view line, bool scoped = false,
                                              size_t from = 0) const;
  // Where the first `after` context of a scoped scheme ends in `line`, or npos.
  size_t ScopeContextEnd(std::string_view line) const;
  // Every scheme's `after` patterns, each text once (schemes share their context words).
  std::vector<Pattern> scope_contexts;
  bool has_inline_numbering = false;
};

// Reads every top-level *.rules file. All errors of all files come back together, one
// "file:line: what" per line.
Expected<std::shared_ptr<const CompiledRules>> CompileRules(const RuleFiles& files);

}  // namespace gyosei::extract
