// gyosei dates / gyosei quantities: every date or quantity expression in a text, one JSON
// object per line, for quick checks of the dates module (src/dates) on a document.
#include <charconv>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/common.h"
#include "dates/dates.h"
#include "quantities/quantities.h"

namespace gyosei::cli {

namespace {

using json = nlohmann::ordered_json;

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json NullIfZero(int n) { return n == 0 ? json(nullptr) : json(n); }

// 350000000 rather than 350000000.0: whole numbers print as integers.
json Number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 9e15) return json(static_cast<int64_t>(v));
  return json(v);
}

json Loc(int line) { return {{"page", nullptr}, {"line", line}}; }

json DateJson(const dates::DateExpr& e, int line) {
  json j = {{"text", e.text},
            {"date", NullIfEmpty(e.value)},
            {"fiscal_year", NullIfZero(e.fiscal_year)},
            {"kind", dates::DateKindName(e.kind)}};
  if (!e.range_start.empty()) {
    j["start"] = e.range_start;
    j["end"] = e.range_end;
  }
  if (e.marker != dates::DateMarker::kNone) j["marker"] = dates::DateMarkerName(e.marker);
  if (e.anaphoric) j["anaphoric"] = true;
  j["loc"] = Loc(line);
  if (!e.warnings.empty()) {
    json w = json::array();
    for (const dates::DateWarning& warning : e.warnings)
      w.push_back({{"code", warning.code}, {"message", warning.message}});
    j["warnings"] = w;
  }
  return j;
}

json QuantityJson(const quantities::Quantity& q, int line) {
  return {{"text", q.text},
          {"value", Number(q.value)},
          {"range_max", q.range_max ? Number(*q.range_max) : json(nullptr)},
          {"unit", q.unit},
          {"approximate", q.approximate},
          {"comparison", NullIfEmpty(q.comparison)},
          {"max_comparison", NullIfEmpty(q.max_comparison)},
          {"maintain", q.maintain},
          {"direction", NullIfEmpty(q.direction)},
          {"loc", Loc(line)}};
}

// Calls `each(line_text, line_number)` for every line of FILE|-; 1 if it cannot be read.
template <typename Fn>
int ForEachLine(const char* command, const ParsedArgs& args, Fn each) {
  if (args.positional.size() != 1) {
    std::cerr << "gyosei " << command << ": expected one FILE or -\n";
    return kExitUsage;
  }
  auto input = ReadInput(args.positional[0]);
  if (!input) {
    std::cerr << "gyosei " << command << ": " << input.status().message() << "\n";
    return kExitFailed;
  }
  std::string_view rest = *input;
  for (int line = 1; !rest.empty(); ++line) {
    size_t nl = rest.find('\n');
    std::string_view text = rest.substr(0, nl);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    each(text, line);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  if (Status s = CheckOutput(std::string("the ") + command + " found in " +
                             PrintablePath(args.positional[0]) + " are incomplete");
      !s.ok()) {
    std::cerr << "gyosei " << command << ": " << s.message() << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

int RunDates(const ParsedArgs& args) {
  dates::DateContext ctx;
  if (args.Has("--fiscal-year")) {
    std::string v = args.Get("--fiscal-year");
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), ctx.document_fiscal_year);
    if (ec != std::errc() || end != v.data() + v.size() || ctx.document_fiscal_year < 1868) {
      std::cerr << "gyosei dates: --fiscal-year needs a Western year such as 2021, not '" << v
                << "'\n";
      return kExitUsage;
    }
  }
  auto scanner = dates::DateScanner::Create();
  if (!scanner) {
    std::cerr << "gyosei dates: " << scanner.status().message() << "\n";
    return kExitFailed;
  }
  std::vector<dates::DateExpr> found;
  return ForEachLine("dates", args, [&](std::string_view text, int line) {
    found.clear();
    scanner->Scan(text, ctx, found);
    for (const dates::DateExpr& e : found) std::cout << DateJson(e, line).dump() << "\n";
  });
}

int RunQuantities(const ParsedArgs& args) {
  quantities::QuantityScanner scanner;
  std::vector<quantities::Quantity> found;
  return ForEachLine("quantities", args, [&](std::string_view text, int line) {
    found.clear();
    scanner.Scan(text, found);
    for (const quantities::Quantity& q : found) std::cout << QuantityJson(q, line).dump() << "\n";
  });
}

constexpr FlagSpec kDatesFlags[] = {
    {"--fiscal-year", "N",
     "the document's fiscal year (Western, e.g. 2021): resolves 今年度, 年度末 and bare "
     "months before any explicit date. Output: one JSON object per expression with text, "
     "date, fiscal_year, kind, start/end (ranges and fiscal years), marker, anaphoric, loc "
     "and a warnings array when there are warnings"},
};

}  // namespace

const CommandSpec kDatesCommand = {
    "dates", "FILE|-", "print every date expression in a text, one JSON object per line",
    kDatesFlags, RunDates};

const CommandSpec kQuantitiesCommand = {
    "quantities",
    "FILE|-",
    "print every quantity (number, unit, comparator) in a text, one JSON object per line",
    {},
    RunQuantities};

}  // namespace gyosei::cli
