// What the rule engine reads from a pattern's text without compiling it (internal to src/rules/):
// a bound on the size of its RE2 program, its capturing groups, and the literals every match
// contains. RE2 offers the last (FilteredRE2) only for a compiled pattern; these are needed
// before, to decide whether compiling is needed at all (rule_set.cc).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gyosei::rules_internal {

// A pattern's capturing groups: how many, and the named ones with their numbers.
struct GroupInfo {
  int count = 0;
  std::vector<std::pair<std::string, int>> names;
};

// Upper bound (RE2 program instructions) under which a pattern is compiled on first use: below
// what RE2 builds within gyosei's memory budget (\pL{1000}, 1.19 M instructions forward and
// 1.20 M reverse, builds), so a pattern under it cannot fail at first use. The bound is loose
// (a negated class counts as 2,000), so the patterns the rules hold are far under it.
inline constexpr double kLazyBudget = 1'000'000;
// What SizeBound returns when it cannot tell.
inline constexpr double kUnknown = 1e18;

// An upper bound on the instructions of `regex`'s RE2 program (kUnknown when unsure).
double SizeBound(std::string_view regex);

// Numbers `regex`'s capturing groups as RE2 does (by their opening parentheses, left to right)
// and notes the named ones. Only called on a pattern RE2 has parsed.
void ScanGroups(std::string_view regex, GroupInfo& out);

// Literals every match of a pattern contains: every match contains one of the strings of each
// list. Empty when the pattern requires none, or holds what the analysis does not read (case
// folding, \Q...\E): then no text is ruled out.
//   目標値\s*(?:\((?P<year>[^()]{2,16})\))?   -> {{"目標値"}}
//   [0-9]+\s*(?:→|⇒|->)\s*[0-9]+            -> {{"→", "⇒", "->"}}
//   (?:現状|基準)値?:                          -> {{"現状", "基準"}, {":"}}
using RequiredLiterals = std::vector<std::vector<std::string>>;
RequiredLiterals RequiredLiteralsOf(std::string_view regex);

// `regex` with every counted repetition's upper bound dropped ({4,40} and {4} to {4,}): a
// pattern that matches every text `regex` matches, and more, with a program a fraction of the
// size. `regex` itself when it holds \Q...\E.
std::string RelaxedCounts(std::string_view regex);

// False when `text` lacks every string of one of the lists: no match can lie in it.
bool MayContainMatch(const RequiredLiterals& required, std::string_view text);

}  // namespace gyosei::rules_internal
