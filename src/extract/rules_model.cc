#include "extract/rules_model.h"

#include <algorithm>
#include <functional>
#include <map>

namespace gyosei::extract {
namespace {

// Compiles `regex` (with its entry's location for messages) or appends the error.
std::optional<Pattern> CompileOrNote(const RuleEntry& e, std::string regex, std::string& errors) {
  auto p = Pattern::Compile(regex, e.Where());
  if (!p) {
    errors += p.status().message() + "\n";
    return std::nullopt;
  }
  return std::move(p).value();
}

void AddPattern(const RuleEntry& e, std::vector<Pattern>& out, std::string& errors) {
  if (auto p = CompileOrNote(e, e.value, errors)) out.push_back(std::move(*p));
}

// A pattern whose group named 'year' holds the year it finds.
void AddYearPattern(const RuleEntry& e, std::vector<Pattern>& out, std::string& errors) {
  auto p = CompileOrNote(e, e.value, errors);
  if (p && p->GroupIndex("year") <= 0)
    errors += e.Where() + ": " + e.key + " needs a group named 'year'\n";
  else if (p)
    out.push_back(std::move(*p));
}

// Calls the handler registered for each entry's key; unknown keys are errors.
using KeyHandlers = std::map<std::string, std::function<void(const RuleEntry&)>>;
void Dispatch(const RuleSection& s, const KeyHandlers& handlers, std::string& errors) {
  for (const RuleEntry& e : s.entries) {
    auto it = handlers.find(e.key);
    if (it == handlers.end()) {
      std::string known;
      for (const auto& [k, _] : handlers) known += (known.empty() ? "" : ", ") + k;
      errors +=
          e.Where() + ": unknown key '" + e.key + "' in [" + s.kind + "] (known: " + known + ")\n";
      continue;
    }
    it->second(e);
  }
}

void ReadScale(const RuleSection& s, CompiledRules& r, std::string& errors) {
  RatingScale scale;
  scale.id = s.name;
  if (scale.id.empty()) errors += s.Where() + ": [scale] needs an id, e.g. [scale achievement_5]\n";
  Dispatch(s,
           {{"name", [](const RuleEntry&) {}},
            {"at_line_end", [&](const RuleEntry& e) { scale.at_line_end = e.value == "yes"; }},
            {"context",
             [&](const RuleEntry& e) {
               if (e.value != "label" && e.value != "any")
                 errors += e.Where() + ": context is 'label' or 'any'\n";
               scale.label_context = e.value == "label";
             }},
            {"band",
             [&](const RuleEntry& e) {
               if (scale.inside.empty()) {
                 errors += e.Where() + ": band before any level\n";
               } else {
                 scale.bands.resize(scale.inside.size());
                 scale.bands.back() = e.value;
               }
             }},
            {"level",
             [&](const RuleEntry& e) {
               auto suffix = CompileOrNote(e, "(?:^|\\s)(?:" + e.value + ")$", errors);
               auto inside = CompileOrNote(e, e.value, errors);
               if (suffix && inside) {
                 scale.suffix.push_back(std::move(*suffix));
                 scale.inside.push_back(std::move(*inside));
               }
             }}},
           errors);
  if (scale.inside.empty()) errors += s.Where() + ": [scale " + s.name + "] has no level\n";
  scale.bands.resize(scale.inside.size());
  r.scales.push_back(std::move(scale));
}

// The roles segment.cc gives a meaning to (see labels.rules); a label of any other role would
// load and never match anything the reader asks for, so it is an error.
constexpr std::string_view kLabelRoles[] = {
    "goal_section", "section_end",  "goal_title",  "goal_column", "goal_statement", "owner",
    "description",  "target_block", "metric",      "baseline",    "results",        "rating",
    "department",   "author_title", "author_name", "policy_refs", "item_list"};

bool IsLabelRole(std::string_view role) {
  for (std::string_view r : kLabelRoles)
    if (r == role) return true;
  return false;
}

void ReadSection(const RuleSection& s, CompiledRules& r, std::string& errors) {
  if (s.kind == "label") {
    if (s.name.empty()) errors += s.Where() + ": [label] needs a role, e.g. [label target_block]\n";
    if (!s.name.empty() && !IsLabelRole(s.name)) {
      std::string known;
      for (std::string_view r : kLabelRoles) known += (known.empty() ? "" : ", ") + std::string(r);
      errors += s.Where() + ": unknown role '" + s.name + "' in [label] (known: " + known + ")\n";
    }
    Dispatch(s,
             {{"pattern",
               [&](const RuleEntry& e) {
                 if (auto p = CompileOrNote(e, e.value, errors)) r.labels.Add(s.name, *p, errors);
               }}},
             errors);
  } else if (s.kind == "numbering") {
    NumberingScheme scheme;
    scheme.name = s.name;
    Dispatch(s,
             {{"item", [&](const RuleEntry& e) { scheme.item = e.value == "yes"; }},
              {"list", [&](const RuleEntry& e) { scheme.list = e.value == "yes"; }},
              {"alone", [&](const RuleEntry& e) { scheme.alone = e.value == "yes"; }},
              {"label_only", [&](const RuleEntry& e) { scheme.label_only = e.value == "yes"; }},
              {"after", [&](const RuleEntry& e) { AddPattern(e, scheme.after, errors); }},
              {"inline",
               [&](const RuleEntry& e) {
                 scheme.in_line = e.value == "yes";
                 r.has_inline_numbering |= scheme.in_line;
               }},
              {"pattern",
               [&](const RuleEntry& e) {
                 auto p = CompileOrNote(e, e.value, errors);
                 if (p && p->GroupCount() < 1) {
                   errors += e.Where() + ": a numbering pattern needs a group for the number\n";
                 } else if (p) {
                   scheme.patterns.push_back(std::move(*p));
                 }
               }}},
             errors);
    if (scheme.in_line)
      for (const Pattern& p : scheme.patterns)
        if (p.GroupIndex("title") <= 0)
          errors += p.where() + ": an inline numbering pattern needs a group named 'title'\n";
    if (!scheme.after.empty() && !scheme.in_line)
      errors += s.Where() + ": 'after' needs 'inline = yes'\n";
    r.numbering.push_back(std::move(scheme));
  } else if (s.kind == "skip") {
    Dispatch(s, {{"pattern", [&](const RuleEntry& e) { AddPattern(e, r.skip, errors); }}}, errors);
  } else if (s.kind == "cells") {
    Dispatch(
        s,
        {{"goal_header", [&](const RuleEntry& e) { AddPattern(e, r.cells.goal_header, errors); }},
         {"other_header", [&](const RuleEntry& e) { AddPattern(e, r.cells.other_header, errors); }},
         {"title_end", [&](const RuleEntry& e) { AddPattern(e, r.cells.title_end, errors); }}},
        errors);
  } else if (s.kind == "heading") {
    Dispatch(s,
             {{"above_table", [&](const RuleEntry& e) { AddPattern(e, r.table_headers, errors); }}},
             errors);
  } else if (s.kind == "scale") {
    ReadScale(s, r, errors);
  } else if (s.kind == "doctype") {
    DocType type{s.name, {}};
    Dispatch(s, {{"pattern", [&](const RuleEntry& e) { AddPattern(e, type.patterns, errors); }}},
             errors);
    r.doctypes.push_back(std::move(type));
  } else if (s.kind == "target") {
    TargetRules& t = r.targets;
    Dispatch(
        s,
        {{"commit", [&](const RuleEntry& e) { AddPattern(e, t.commit, errors); }},
         {"context", [&](const RuleEntry& e) { AddPattern(e, t.context, errors); }},
         {"not_commit", [&](const RuleEntry& e) { AddPattern(e, t.not_commit, errors); }},
         {"implies_eq", [&](const RuleEntry& e) { AddPattern(e, t.implies_eq, errors); }},
         {"metric_prefix", [&](const RuleEntry& e) { AddPattern(e, t.metric_prefix, errors); }},
         {"metric_suffix", [&](const RuleEntry& e) { AddPattern(e, t.metric_suffix, errors); }},
         {"statement", [&](const RuleEntry& e) { AddPattern(e, t.statement, errors); }},
         {"restatement", [&](const RuleEntry& e) { AddPattern(e, t.restatement, errors); }},
         {"progress_header",
          [&](const RuleEntry& e) {
            auto p = CompileOrNote(e, e.value, errors);
            if (p && (p->GroupIndex("due") <= 0 || p->GroupIndex("measured") <= 0))
              errors += e.Where() + ": progress_header needs groups named 'due' and 'measured'\n";
            else if (p)
              t.progress_header.push_back(std::move(*p));
          }},
         {"in_line",
          [&](const RuleEntry& e) {
            auto p = CompileOrNote(e, e.value, errors);
            if (p && p->GroupIndex("value") <= 0 && p->GroupIndex("item") <= 0)
              errors += e.Where() + ": in_line needs a group named 'value' or 'item'\n";
            else if (p)
              t.in_line.push_back(std::move(*p));
          }}},
        errors);
  } else if (s.kind == "actual") {
    Dispatch(s,
             {{"in_line",
               [&](const RuleEntry& e) {
                 auto p = CompileOrNote(e, e.value, errors);
                 if (p && p->GroupIndex("value") <= 0)
                   errors += e.Where() + ": in_line needs a group named 'value'\n";
                 else if (p)
                   r.targets.actual_in_line.push_back(std::move(*p));
               }}},
             errors);
  } else if (s.kind == "metadata") {
    MetadataRules& m = r.metadata;
    Dispatch(
        s,
        {{"department", [&](const RuleEntry& e) { AddPattern(e, m.department, errors); }},
         {"department_label",
          [&](const RuleEntry& e) { AddPattern(e, m.department_label, errors); }},
         {"department_label_line",
          [&](const RuleEntry& e) { AddPattern(e, m.department_label_line, errors); }},
         {"department_value_line",
          [&](const RuleEntry& e) { AddPattern(e, m.department_value_line, errors); }},
         {"author_title", [&](const RuleEntry& e) { AddPattern(e, m.author_title, errors); }},
         {"author_name", [&](const RuleEntry& e) { AddPattern(e, m.author_name, errors); }},
         {"author_line", [&](const RuleEntry& e) { AddPattern(e, m.author_line, errors); }},
         {"owner", [&](const RuleEntry& e) { AddPattern(e, m.owner, errors); }},
         {"policy_ref", [&](const RuleEntry& e) { AddPattern(e, m.policy_ref, errors); }},
         {"period_cue", [&](const RuleEntry& e) { AddPattern(e, m.period_cue, errors); }},
         {"results_year", [&](const RuleEntry& e) { AddYearPattern(e, m.results_year, errors); }},
         {"report_year", [&](const RuleEntry& e) { AddYearPattern(e, m.report_year, errors); }},
         {"results_report", [&](const RuleEntry& e) { AddPattern(e, m.results_report, errors); }},
         {"evaluated_year",
          [&](const RuleEntry& e) { AddYearPattern(e, m.evaluated_year, errors); }}},
        errors);
  } else if (s.kind == "sdg") {
    Dispatch(s,
             {{"goal",
               [&](const RuleEntry& e) {
                 size_t space = e.value.find(' ');
                 int goal =
                     space == std::string::npos ? 0 : std::atoi(e.value.substr(0, space).c_str());
                 if (goal < 1 || goal > 17) {
                   errors += e.Where() + ": expected 'goal = N KEYWORDS' with N in 1..17\n";
                   return;
                 }
                 if (auto p = CompileOrNote(e, e.value.substr(space + 1), errors)) {
                   r.metadata.sdg.push_back(SdgRule{goal, std::move(*p)});
                 }
               }}},
             errors);
  } else {
    errors +=
        s.Where() + ": unknown section kind [" + s.kind +
        "] (known: label, numbering, skip, heading, scale, doctype, target, actual, metadata, "
        "sdg)\n";
  }
}

std::string StripLabel(std::string_view label) {
  std::string out;
  out.reserve(label.size());
  for (char c : label)
    if (c != ' ') out += c;
  auto strip_prefix = [&out](std::string_view p) {
    if (out.starts_with(p)) out.erase(0, p.size());
  };
  auto strip_suffix = [&out](std::string_view p) {
    if (out.ends_with(p)) out.resize(out.size() - p.size());
  };
  strip_prefix("【");
  strip_suffix("】");
  strip_suffix(":");
  strip_suffix("：");
  // "達成水準(どこまでできれば達成したといえるか)", "達成状況(自己評価)": the label is the part
  // before its explanation.
  if (out.ends_with(")")) {
    size_t open = out.rfind('(');
    if (open != std::string::npos && open > 0) out.resize(open);
  }
  return out;
}

}  // namespace

void LabelRules::Add(std::string role, const Pattern& p, std::string& errors) {
  auto index = set_.Add(p);
  if (!index) {
    errors += index.status().message() + "\n";
    return;
  }
  roles_.resize(static_cast<size_t>(*index) + 1);
  roles_[static_cast<size_t>(*index)] = std::move(role);
}

std::string LabelRules::Classify(std::string_view label) const {
  std::string text = StripLabel(label);
  if (text.empty() || text.size() > 90) return "";
  std::vector<int> hits = set_.Matching(text);
  // Several roles may match (評価 is a rating, 業績目標 a statement); the first written wins.
  return hits.empty() ? "" : roles_[static_cast<size_t>(hits.front())];
}

size_t CompiledRules::TableHeaderAt(std::string_view line) const {
  size_t best = std::string_view::npos;
  Match m;
  for (const Pattern& p : table_headers)
    if (p.Find(line, 0, m) && m.begin < best) best = m.begin;
  return best;
}

bool LabelRules::Has(std::string_view label, std::string_view role) const {
  std::string text = StripLabel(label);
  if (text.empty() || text.size() > 90) return false;
  for (int hit : set_.Matching(text))
    if (roles_[static_cast<size_t>(hit)] == role) return true;
  return false;
}

std::optional<NumberMatch> CompiledRules::MatchNumber(std::string_view line) const {
  if (!any_number.AnyMatches(line)) return std::nullopt;
  Match m;
  for (size_t s = 0; s < numbering.size(); ++s) {
    if (!numbering[s].after.empty()) continue;  // only inside its context
    for (const Pattern& p : numbering[s].patterns) {
      if (!p.Find(line, 0, m) || m.begin != 0) continue;
      NumberMatch out;
      out.scheme = static_cast<int>(s);
      for (char c : m.Group(line, 1))
        if (c != ' ') out.number += c;
      int title = p.GroupIndex("title");
      out.title_begin =
          title > 0 && m.HasGroup(title) ? m.groups[static_cast<size_t>(title)].first : m.end;
      return out;
    }
  }
  return std::nullopt;
}

size_t CompiledRules::ScopeContextEnd(std::string_view line) const {
  size_t best = std::string_view::npos;
  Match m;
  for (const Pattern& p : scope_contexts)
    if (p.Find(line, 0, m) && (best == std::string_view::npos || m.end < best)) best = m.end;
  return best;
}

std::vector<InlineNumber> CompiledRules::FindInlineNumbers(std::string_view line, bool scoped,
                                                           size_t start) const {
  std::vector<InlineNumber> out;
  if (!has_inline_numbering) return out;
  Match m;
  for (size_t s = 0; s < numbering.size(); ++s) {
    if (!numbering[s].in_line || numbering[s].after.empty() == scoped) continue;
    for (const Pattern& p : numbering[s].patterns) {
      int title = p.GroupIndex("title");
      for (size_t from = start; from < line.size() && p.Find(line, from, m) && m.end > m.begin;
           from = m.end) {
        InlineNumber n;
        n.number.scheme = static_cast<int>(s);
        for (char c : m.Group(line, 1))
          if (c != ' ') n.number.number += c;
        n.begin = m.begin;
        n.number.title_begin = m.groups[static_cast<size_t>(title)].first;
        n.title_end = m.groups[static_cast<size_t>(title)].second;
        out.push_back(std::move(n));
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const InlineNumber& a, const InlineNumber& b) { return a.begin < b.begin; });
  return out;
}

Expected<std::shared_ptr<const CompiledRules>> CompileRules(const RuleFiles& files) {
  auto rules = std::make_shared<CompiledRules>();
  rules->version = files.Version();
  std::string errors;
  for (const RuleFile* f : files.Matching("", ".rules")) {
    if (f->name.find('/') != std::string::npos) continue;  // normalize/ has its own reader
    auto sections = ParseRuleFile(*f);
    if (!sections) {
      errors += sections.status().message() + "\n";
      continue;
    }
    for (const RuleSection& s : *sections) ReadSection(s, *rules, errors);
  }
  if (errors.empty()) {
    if (Status s = rules->labels.Compile(); !s.ok()) errors += s.message() + "\n";
    auto add_all = [&errors](PatternSet& set, const std::vector<Pattern>& patterns) {
      for (const Pattern& p : patterns)
        if (auto i = set.Add(p); !i) errors += i.status().message() + "\n";
    };
    for (size_t s = 0; s < rules->scales.size(); ++s) {
      add_all(rules->any_rating, rules->scales[s].inside);
      add_all(rules->whole_rating, rules->scales[s].inside);
      for (size_t lv = 0; lv < rules->scales[s].inside.size(); ++lv)
        rules->rating_levels.emplace_back(s, lv);
    }
    for (const NumberingScheme& scheme : rules->numbering)
      if (scheme.after.empty()) add_all(rules->any_number, scheme.patterns);
    add_all(rules->any_commit, rules->targets.commit);
    for (const NumberingScheme& scheme : rules->numbering)
      for (const Pattern& p : scheme.after)
        if (std::none_of(rules->scope_contexts.begin(), rules->scope_contexts.end(),
                         [&](const Pattern& q) { return q.pattern() == p.pattern(); }))
          rules->scope_contexts.push_back(p);
    for (PatternSet* set :
         {&rules->any_rating, &rules->whole_rating, &rules->any_number, &rules->any_commit})
      if (Status s = set->Compile(); !s.ok()) errors += s.message() + "\n";
  }
  if (!errors.empty()) {
    errors.pop_back();
    return Status(StatusCode::kRuleError, errors);
  }
  return std::shared_ptr<const CompiledRules>(std::move(rules));
}

}  // namespace gyosei::extract
