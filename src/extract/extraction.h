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
  std::string unit;     // "" = null
  std::string date;     // ISO, "" = null
  int fiscal_year = 0;  // 0 = null
};

struct Target {
  std::string text;             // the sentence, normalized
  std::string metric;           // "" = null
  std::optional<double> value;  // nullopt for a non-numeric target (作成する, 完了している)
  std::string unit;             // "" = null
  std::string comparison;       // "eq" "ge" "gt" "le" "lt"; "" = null
  bool maintain = false;
  std::string due;  // ISO day or month; "" = null
  std::optional<TargetBaseline> baseline;
  int fiscal_year = 0;    // the 年度 the value is set for (a year column); 0 = null
  std::string indicator;  // id of the Indicator it belongs to; "" = null
  Loc loc;
};

// A value the document reports as measured (実績, 実績値, 決算), never one it plans.
struct Actual {
  std::string text;    // the row or sentence it was read from, normalized
  std::string metric;  // "" = null
  double value = 0;
  std::string unit;       // "" = null
  int fiscal_year = 0;    // the 年度 it was measured in; 0 = null
  std::string date;       // ISO, when a point in time is printed instead; "" = null
  std::string indicator;  // id of the Indicator; "" = null
  Loc loc;
};

// 達成率 / 達成度 as printed, in percent.
struct Achievement {
  double value = 0;
  int fiscal_year = 0;  // 0 = null
};

// One measured quantity (指標) with what the document prints about it. Its targets and actuals
// are the goal's Target / Actual items whose `indicator` is this id.
struct Indicator {
  std::string id;         // "i1", "i2", ... unique in the document
  std::string name;       // 指標名 as printed, normalized
  std::string kind;       // "outcome" | "activity"; "" = null
  std::string unit;       // "" = null
  std::string direction;  // "up" | "down"; "" = null
  std::optional<Achievement> achievement;
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
  std::vector<Actual> actuals;
  std::vector<Indicator> indicators;
  std::optional<Rating> rating;
  Loc loc;
};

struct DateMention {
  std::string text;
  std::string date;     // ISO, "" = null
  int fiscal_year = 0;  // 0 = null
  std::string kind;     // "date" "month" "year" "fiscal_year" "month_end" "range"
  std::string start;    // for ranges and fiscal years: first and last day; "" = absent
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

// Where one sheet of a booklet (many evaluation sheets in one PDF) lies in it.
struct BookletPart {
  int index = 0;  // 1-based
  int count = 0;
  int first_page = 0;
  int last_page = 0;
};

struct Extraction {
  // source
  std::string path;
  std::string sha256;
  std::string format;               // "pdf" | "text" | "html"
  std::string encoding;             // "" = null (PDF)
  int pages = 0;                    // 0 = null (text)
  std::optional<BookletPart> part;  // set only for one sheet of a booklet

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
