#include "emit/json.h"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace gyosei {
namespace {

using Json = nlohmann::ordered_json;

Json StringOrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json IntOrNull(int v) { return v == 0 ? Json(nullptr) : Json(v); }

// nlohmann writes every double with a fraction ("318.0"); the contract's readers expect counts
// to look like counts. 2^53 bounds the doubles that are exactly integral int64 values.
Json Number(double v) {
  if (!std::isfinite(v)) return nullptr;
  if (std::trunc(v) == v && std::fabs(v) < 9007199254740992.0) {
    return static_cast<int64_t>(v);
  }
  return v;
}

template <typename T, typename F>
Json OrNull(const std::optional<T>& v, F to_json) {
  return v ? to_json(*v) : Json(nullptr);
}

template <typename T, typename F>
Json ArrayOf(const std::vector<T>& items, F to_json) {
  Json a = Json::array();
  for (const T& item : items) a.push_back(to_json(item));
  return a;
}

template <typename T>
Json Same(const T& v) {
  return Json(v);
}

Json LocJson(const Loc& loc) {
  Json j;
  j["page"] = IntOrNull(loc.page);
  j["line"] = loc.line;
  return j;
}

Json BaselineJson(const TargetBaseline& b) {
  Json j;
  j["value"] = Number(b.value);
  j["unit"] = StringOrNull(b.unit);
  j["date"] = StringOrNull(b.date);
  j["fiscal_year"] = IntOrNull(b.fiscal_year);
  return j;
}

Json TargetJson(const Target& t) {
  Json j;
  j["text"] = t.text;
  j["metric"] = StringOrNull(t.metric);
  j["value"] = OrNull(t.value, Number);
  j["unit"] = StringOrNull(t.unit);
  j["comparison"] = StringOrNull(t.comparison);
  j["maintain"] = t.maintain;
  j["due"] = StringOrNull(t.due);
  j["baseline"] = OrNull(t.baseline, BaselineJson);
  j["loc"] = LocJson(t.loc);
  return j;
}

Json RatingJson(const Rating& r) {
  Json j;
  j["label"] = r.label;
  j["scale"] = r.scale;
  j["level"] = r.level;
  j["levels"] = r.levels;
  return j;
}

Json GoalJson(const Goal& g) {
  Json j;
  j["id"] = g.id;
  j["parent_id"] = StringOrNull(g.parent_id);
  j["number"] = StringOrNull(g.number);
  j["title"] = g.title;
  j["description"] = StringOrNull(g.description);
  j["owner"] = StringOrNull(g.owner);
  j["policy_refs"] = ArrayOf(g.policy_refs, Same<std::string>);
  j["sdgs"] = ArrayOf(g.sdgs, Same<int>);
  j["targets"] = ArrayOf(g.targets, TargetJson);
  j["rating"] = OrNull(g.rating, RatingJson);
  j["loc"] = LocJson(g.loc);
  return j;
}

Json DateJson(const DateMention& d) {
  Json j;
  j["text"] = d.text;
  j["date"] = StringOrNull(d.date);
  j["fiscal_year"] = IntOrNull(d.fiscal_year);
  j["kind"] = d.kind;
  // Added fields: present only when known, so a consumer can test for the key.
  if (!d.start.empty()) j["start"] = d.start;
  if (!d.end.empty()) j["end"] = d.end;
  j["loc"] = LocJson(d.loc);
  return j;
}

Json WarningJson(const Warning& w) {
  Json j;
  j["code"] = w.code;
  j["message"] = w.message;
  j["loc"] = w.loc.line == 0 ? Json(nullptr) : LocJson(w.loc);
  return j;
}

Json MunicipalityJson(const Municipality& m) {
  Json j;
  j["name"] = m.name;
  j["prefecture"] = m.prefecture;
  j["code"] = m.code;
  j["evidence"] = m.evidence;
  return j;
}

Json AuthorJson(const Author& a) {
  Json j;
  j["title"] = a.title;
  j["name"] = a.name;
  return j;
}

Json PeriodJson(const Period& p) {
  Json j;
  j["start"] = p.start;
  j["end"] = p.end;
  return j;
}

}  // namespace

std::string ExtractionToJson(const Extraction& e, bool pretty) {
  Json j;
  j["schema_version"] = "1";

  Json source;
  source["path"] = e.path;
  source["sha256"] = e.sha256;
  source["format"] = e.format;
  // A PDF has no text encoding, whatever a caller may have left in the field.
  source["encoding"] = e.format == "pdf" ? Json(nullptr) : StringOrNull(e.encoding);
  source["pages"] = IntOrNull(e.pages);
  j["source"] = std::move(source);

  j["municipality"] = OrNull(e.municipality, MunicipalityJson);
  j["department"] = StringOrNull(e.department);
  j["author"] = OrNull(e.author, AuthorJson);
  j["document_type"] = e.document_type;
  j["document_label"] = StringOrNull(e.document_label);
  j["title"] = StringOrNull(e.title);
  j["fiscal_year"] = IntOrNull(e.fiscal_year);
  j["period"] = OrNull(e.period, PeriodJson);
  j["goals"] = ArrayOf(e.goals, GoalJson);
  j["dates"] = ArrayOf(e.dates, DateJson);
  j["warnings"] = ArrayOf(e.warnings, WarningJson);
  j["rules_version"] = StringOrNull(e.rules_version);

  // replace: a stray invalid byte from a damaged input must not abort the whole document.
  return j.dump(pretty ? 2 : -1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

}  // namespace gyosei
