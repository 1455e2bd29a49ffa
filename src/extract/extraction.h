// What the extractor finds in one document: the C++ form of output contract v1
// (docs/output-v1.md). emit/ turns it into JSON; archive/ into rows. Optional fields are
// std::optional or empty strings/zero where the contract says null (noted per field).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/document.h"

namespace gyosei {

// LOC in the contract: page (null for text input: 0 here) and line.
using Loc = SourceLoc;

struct TargetBaseline {
  double value = 0;
  std::string unit;      // "" = null
  std::string date;      // ISO, "" = null
  int fiscal_year = 0;   // 0 = null
};

struct Target {
  std::string text;                  // the sentence, normalized
  std::string metric;                // "" = null
  std::optional<double> value;       // nullopt for a non-numeric target (作成する, 完了している)
  std::string unit;                  // "" = null
  std::string comparison;            // "eq" "ge" "gt" "le" "lt"; "" = null
  bool maintain = false;
  std::string due;                   // ISO day or month; "" = null
  std::optional<TargetBaseline> baseline;
  Loc loc;
};

struct Rating {
  std::string label;  // as printed, normalized
  std::string scale;  // id of the scale in rules/
  int level = 0;      // 1 = best
  int levels = 0;
};

struct Goal {
  std::string id;         // "g1", "g2", ... unique in the document
  std::string parent_id;  // "" = null
  std::string number;     // "1" "(1)" "①" "部局目標2"; "" = null
  std::string title;
  std::string description;  // "" = null
  std::string owner;        // "" = null
  std::vector<std::string> policy_refs;
  std::vector<int> sdgs;
  std::vector<Target> targets;
  std::optional<Rating> rating;
  Loc loc;
};

struct DateMention {
  std::string text;
  std::string date;      // ISO, "" = null
  int fiscal_year = 0;   // 0 = null
  std::string kind;      // "date" "month" "year" "fiscal_year" "month_end" "range"
  std::string start;     // for ranges and fiscal years: first and last day; "" = absent
  std::string end;
  Loc loc;
};

struct Municipality {
  std::string name;        // "菊川市"
  std::string prefecture;  // "静岡県"
  std::string code;        // "222241"
  std::string evidence;    // "text" | "caller"
};

struct Author {
  std::string title;  // "部長"
  std::string name;   // "大石 芳正"
};

struct Period {
  std::string start;  // ISO day
  std::string end;
};

struct Extraction {
  // source
  std::string path;
  std::string sha256;
  std::string format;    // "pdf" | "text" | "html"
  std::string encoding;  // "" = null (PDF)
  int pages = 0;         // 0 = null (text)

  std::optional<Municipality> municipality;
  std::string department;  // "" = null
  std::optional<Author> author;
  std::string document_type = "other";
  std::string document_label;  // "" = null
  std::string title;           // "" = null
  int fiscal_year = 0;         // 0 = null
  std::optional<Period> period;

  std::vector<Goal> goals;
  std::vector<DateMention> dates;
  std::vector<Warning> warnings;

  std::string rules_version;  // RuleFiles::Version() of the rules used
};

}  // namespace gyosei
