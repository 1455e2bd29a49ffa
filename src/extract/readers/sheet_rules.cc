#include "extract/readers/sheet_rules.h"

#include <array>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace gyosei::extract {
namespace {

constexpr std::array<std::pair<std::string_view, FormRole>, 7> kFormRoles{{
    {"goal_title", FormRole::kGoalTitle},
    {"child_goal", FormRole::kChildGoal},
    {"linked_goal", FormRole::kLinkedGoal},
    {"department", FormRole::kDepartment},
    {"rating", FormRole::kRating},
    {"indicator", FormRole::kIndicator},
    {"unit", FormRole::kUnit},
}};
constexpr std::array<std::pair<std::string_view, GridRole>, 10> kGridRoles{{
    {"total", GridRole::kTotal},
    {"plan", GridRole::kPlan},
    {"forecast", GridRole::kForecast},
    {"budget", GridRole::kBudget},
    {"derived", GridRole::kDerived},
    {"measured", GridRole::kMeasured},
    {"baseline", GridRole::kBaseline},
    {"achievement", GridRole::kAchievement},
    {"year_axis", GridRole::kYearAxis},
    {"ignore", GridRole::kIgnore},
}};

template <typename Roles>
std::string KnownNames(const Roles& roles) {
  std::string out;
  for (const auto& [name, _] : roles) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

template <typename Roles, typename Role>
Role RoleNamed(const Roles& roles, std::string_view name, Role none) {
  for (const auto& [n, role] : roles)
    if (n == name) return role;
  return none;
}

// Adds every `pattern` of a section to `labels` under the section's role, which must be known.
template <typename Roles>
void ReadLabels(const RuleSection& s, const Roles& roles, LabelRules& labels, std::string& errors) {
  bool known = false;
  for (const auto& [n, _] : roles) known |= n == s.name;
  if (!known) {
    errors += s.Where() + ": unknown role '" + s.name + "' in [" + s.kind +
              "] (known: " + KnownNames(roles) + ")\n";
    return;
  }
  for (const RuleEntry& e : s.entries) {
    if (e.key != "pattern") {
      errors += e.Where() + ": unknown key '" + e.key + "' in [" + s.kind + "] (known: pattern)\n";
      continue;
    }
    auto p = Pattern::Compile(e);
    if (!p)
      errors += p.status().message() + "\n";
    else
      labels.Add(s.name, *p, errors);
  }
}

// Patterns of a section (entries `key`) that must capture the named groups listed.
void ReadPatterns(const RuleSection& s, std::initializer_list<std::string_view> groups,
                  std::vector<Pattern>& out, std::string& errors,
                  std::string_view key = "pattern") {
  for (const RuleEntry& e : s.entries) {
    if (e.key != key) continue;
    auto p = Pattern::Compile(e);
    if (!p) {
      errors += p.status().message() + "\n";
      continue;
    }
    for (std::string_view g : groups)
      if (p->GroupIndex(g) < 0)
        errors += e.Where() + ": the pattern needs a group (?P<" + std::string(g) + ">...)\n";
    out.push_back(std::move(*p));
  }
}

void CheckKeys(const RuleSection& s, std::initializer_list<std::string_view> keys,
               std::string& errors) {
  for (const RuleEntry& e : s.entries) {
    bool known = false;
    for (std::string_view k : keys) known |= e.key == k;
    if (!known) errors += e.Where() + ": unknown key '" + e.key + "' in [" + s.kind + "]\n";
  }
}

double ParseDigits(std::string_view digits) {
  std::string plain;
  for (char c : digits)
    if (c != ',') plain += c;
  return std::strtod(plain.c_str(), nullptr);
}

}  // namespace

Expected<std::shared_ptr<const SheetRules>> SheetRules::Compile(const RuleFiles& files) {
  auto r = std::make_shared<SheetRules>();
  std::string errors;
  for (const RuleFile* f : files.Matching("sheets/", ".rules")) {
    auto sections = ParseRuleFile(*f);
    if (!sections) {
      errors += sections.status().message() + "\n";
      continue;
    }
    for (const RuleSection& s : *sections) {
      if (s.kind == "form") {
        ReadLabels(s, kFormRoles, r->form_labels, errors);
      } else if (s.kind == "grid") {
        ReadLabels(s, kGridRoles, r->grid_labels, errors);
      } else if (s.kind == "year") {
        CheckKeys(s, {"pattern", "era"}, errors);
        ReadPatterns(s, {"year", "rest"}, r->years, errors);
        for (const RuleEntry& e : s.entries)
          if (e.key == "era") r->eras.push_back(e.value);
      } else if (s.kind == "mark") {
        CheckKeys(s, {"selected", "unselected"}, errors);
        for (const RuleEntry& e : s.entries) {
          auto p = Pattern::Compile("^(?:" + e.value + ")\\s*", e.Where());
          if (!p)
            errors += p.status().message() + "\n";
          else
            (e.key == "selected" ? r->selected : r->unselected).push_back(std::move(*p));
        }
      } else if (s.kind == "number") {
        CheckKeys(s, {"pattern"}, errors);
        ReadPatterns(s, {"value", "negative", "of", "unit"}, r->numbers, errors);
      } else if (s.kind == "unit") {
        CheckKeys(s, {"pattern", "bare", "not"}, errors);
        ReadPatterns(s, {"unit"}, r->units, errors);
        ReadPatterns(s, {"unit"}, r->bare_units, errors, "bare");
        for (const RuleEntry& e : s.entries) {
          if (e.key != "not") continue;
          auto p = Pattern::Compile("^(?:" + e.value + ")$", e.Where());
          if (!p)
            errors += p.status().message() + "\n";
          else
            r->not_units.push_back(std::move(*p));
        }
      } else if (s.kind == "flat" && s.name == "year") {
        CheckKeys(s, {"pattern"}, errors);
        ReadPatterns(s, {"year", "rest"}, r->flat_years, errors);
      } else if (s.kind == "flat" && s.name == "glued_column") {
        CheckKeys(s, {"pattern"}, errors);
        ReadPatterns(s, {"year", "plan", "rate"}, r->flat_glued_columns, errors);
      } else if (s.kind == "flat" && s.name == "glued_baseline") {
        CheckKeys(s, {"pattern"}, errors);
        ReadPatterns(s, {"baseline", "unit", "year"}, r->flat_glued_baselines, errors);
      } else if (s.kind == "flat" && s.name == "due") {
        CheckKeys(s, {"pattern"}, errors);
        ReadPatterns(s, {"year", "month"}, r->flat_dues, errors);
      } else if (s.kind == "flat" &&
                 (s.name == "unit" || s.name == "no_value" || s.name == "label" ||
                  s.name == "value" || s.name == "due_label")) {
        CheckKeys(s, {"pattern"}, errors);
        ReadPatterns(s, {},
                     s.name == "unit"       ? r->flat_units
                     : s.name == "no_value" ? r->flat_no_values
                     : s.name == "label"    ? r->flat_labels
                     : s.name == "value"    ? r->flat_values
                                            : r->flat_due_labels,
                     errors);
      } else if (s.kind == "value" && s.name == "department") {
        CheckKeys(s, {"pattern"}, errors);
        ReadPatterns(s, {"department"}, r->departments, errors);
      } else {
        errors += s.Where() + ": unknown section [" + s.kind +
                  (s.name.empty() ? "" : " " + s.name) +
                  "] (known: form ROLE, grid ROLE, year, mark, number, unit, value department, "
                  "flat year, flat unit, flat no_value, flat label, flat value, flat due_label, "
                  "flat due)\n";
      }
    }
  }
  if (errors.empty()) {
    for (LabelRules* l : {&r->form_labels, &r->grid_labels})
      if (Status s = l->Compile(); !s.ok()) errors += s.message() + "\n";
  }
  if (!errors.empty()) {
    errors.pop_back();
    return Status(StatusCode::kRuleError, errors);
  }
  return std::shared_ptr<const SheetRules>(std::move(r));
}

FormRole SheetRules::Form(std::string_view label) const {
  return RoleNamed(kFormRoles, form_labels.Classify(label), FormRole::kNone);
}

GridRole SheetRules::Grid(std::string_view label) const {
  return RoleNamed(kGridRoles, grid_labels.Classify(label), GridRole::kNone);
}

std::optional<YearCell> SheetRules::Year(std::string_view text, const dates::DateScanner& dates,
                                         int document_year) const {
  return YearBy(years, text, dates, document_year);
}

std::optional<YearCell> SheetRules::FlatYear(std::string_view text, const dates::DateScanner& dates,
                                             int document_year) const {
  if (auto y = YearBy(years, text, dates, document_year)) return y;
  return YearBy(flat_years, text, dates, document_year);
}

bool SheetRules::AnyFullMatch(const std::vector<Pattern>& patterns, std::string_view text) {
  for (const Pattern& p : patterns)
    if (p.FullMatch(text)) return true;
  return false;
}

std::optional<YearCell> SheetRules::YearBy(const std::vector<Pattern>& patterns,
                                           std::string_view text, const dates::DateScanner& dates,
                                           int document_year) const {
  Match m;
  for (const Pattern& p : patterns) {
    if (!p.Find(text, 0, m) || m.begin != 0 || m.end != text.size()) continue;
    std::string year(m.Group(text, p.GroupIndex("year")));
    std::string era(m.Group(text, p.GroupIndex("era")));
    YearCell cell;
    cell.rest = std::string(m.Group(text, p.GroupIndex("rest")));
    if (year.size() == 4) {
      cell.fiscal_year = std::atoi(year.c_str());
    } else if (!era.empty()) {
      cell.fiscal_year = dates.FiscalYearOf(era + year + "年度");
    } else if (document_year != 0) {
      // Era-less: the era whose reading is nearest the document's year (5年度 in a 令和 sheet).
      int best = 0;
      for (const std::string& e : eras) {
        int fy = dates.FiscalYearOf(e + year + "年度");
        if (fy != 0 && (best == 0 || std::abs(fy - document_year) < std::abs(best - document_year)))
          best = fy;
      }
      cell.fiscal_year = best;
    }
    return cell;
  }
  return std::nullopt;
}

std::optional<NumberCell> SheetRules::Number(std::string_view text) const {
  Match m;
  for (const Pattern& p : numbers) {
    if (!p.Find(text, 0, m) || m.begin != 0 || m.end != text.size()) continue;
    NumberCell n;
    n.value = ParseDigits(m.Group(text, p.GroupIndex("value")));
    if (m.HasGroup(p.GroupIndex("negative"))) n.value = -n.value;
    if (m.HasGroup(p.GroupIndex("of"))) n.of = ParseDigits(m.Group(text, p.GroupIndex("of")));
    n.unit = std::string(m.Group(text, p.GroupIndex("unit")));
    return n;
  }
  return std::nullopt;
}

std::string SheetRules::UnitOf(std::string_view label) const {
  Match m, no;
  for (const Pattern& p : units) {
    if (!p.Find(label, 0, m)) continue;
    std::string_view unit = m.Group(label, p.GroupIndex("unit"));
    bool word = false;
    for (const Pattern& n : not_units) word |= n.Find(unit, 0, no);
    return word ? "" : std::string(unit);
  }
  return "";
}

std::string SheetRules::BareUnit(std::string_view text) const {
  Match m;
  for (const Pattern& p : bare_units)
    if (p.Find(text, 0, m) && m.begin == 0 && m.end == text.size())
      return std::string(m.Group(text, p.GroupIndex("unit")));
  return "";
}

int SheetRules::Mark(std::string_view text, std::string& option) const {
  Match m;
  for (int sign : {1, -1}) {
    for (const Pattern& p : sign == 1 ? selected : unselected) {
      if (p.Find(text, 0, m) && m.begin == 0) {
        option = std::string(text.substr(m.end));
        return sign;
      }
    }
  }
  return 0;
}

std::string SheetRules::Department(std::string_view value) const {
  Match m;
  for (const Pattern& p : departments)
    if (p.Find(value, 0, m)) return std::string(m.Group(value, p.GroupIndex("department")));
  return "";
}

}  // namespace gyosei::extract
