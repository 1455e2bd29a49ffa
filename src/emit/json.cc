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
  a.get_ref<Json::array_t&>().reserve(items.size());
  for (const T& item : items) a.push_back(to_json(item));
  return a;
}

template <typename T>
Json Same(const T& v) {
  return Json(v);
}

// An object whose keys are written once each, in order. ordered_json's operator[] searches the
// keys already there before adding one (a string compare per earlier key); appending to the
// ordered map's vector makes the same object without the search.
class Object {
 public:
  Object& Add(const char* key, Json value) {
    fields_.emplace_back(key, std::move(value));
    return *this;
  }
  operator Json() && { return Json(std::move(fields_)); }

 private:
  Json::object_t fields_;
};

Json LocJson(const Loc& loc) {
  Object j;
  j.Add("page", IntOrNull(loc.page));
  j.Add("line", loc.line);
  return j;
}

Json BaselineJson(const TargetBaseline& b) {
  Object j;
  j.Add("value", Number(b.value));
  j.Add("unit", StringOrNull(b.unit));
  j.Add("date", StringOrNull(b.date));
  j.Add("fiscal_year", IntOrNull(b.fiscal_year));
  return j;
}

Json TargetJson(const Target& t) {
  Object j;
  j.Add("text", t.text);
  j.Add("metric", StringOrNull(t.metric));
  j.Add("value", OrNull(t.value, Number));
  j.Add("unit", StringOrNull(t.unit));
  j.Add("comparison", StringOrNull(t.comparison));
  j.Add("maintain", t.maintain);
  j.Add("due", StringOrNull(t.due));
  j.Add("baseline", OrNull(t.baseline, BaselineJson));
  j.Add("fiscal_year", IntOrNull(t.fiscal_year));
  j.Add("indicator", StringOrNull(t.indicator));
  j.Add("loc", LocJson(t.loc));
  return j;
}

Json ActualJson(const Actual& a) {
  Object j;
  j.Add("text", a.text);
  j.Add("metric", StringOrNull(a.metric));
  j.Add("value", Number(a.value));
  j.Add("unit", StringOrNull(a.unit));
  j.Add("fiscal_year", IntOrNull(a.fiscal_year));
  j.Add("date", StringOrNull(a.date));
  j.Add("indicator", StringOrNull(a.indicator));
  j.Add("loc", LocJson(a.loc));
  return j;
}

Json AchievementJson(const Achievement& a) {
  Object j;
  j.Add("value", Number(a.value));
  j.Add("fiscal_year", IntOrNull(a.fiscal_year));
  return j;
}

Json IndicatorJson(const Indicator& i) {
  Object j;
  j.Add("id", i.id);
  j.Add("name", i.name);
  j.Add("kind", StringOrNull(i.kind));
  j.Add("unit", StringOrNull(i.unit));
  j.Add("direction", StringOrNull(i.direction));
  j.Add("achievement", OrNull(i.achievement, AchievementJson));
  j.Add("loc", LocJson(i.loc));
  return j;
}

Json PartJson(const BookletPart& p) {
  Object j;
  j.Add("index", p.index);
  j.Add("count", p.count);
  j.Add("first_page", p.first_page);
  j.Add("last_page", p.last_page);
  return j;
}

Json RatingJson(const Rating& r) {
  Object j;
  j.Add("label", r.label);
  j.Add("scale", r.scale);
  j.Add("level", r.level);
  j.Add("levels", r.levels);
  return j;
}

Json GoalJson(const Goal& g) {
  Object j;
  j.Add("id", g.id);
  j.Add("parent_id", StringOrNull(g.parent_id));
  j.Add("number", StringOrNull(g.number));
  j.Add("title", g.title);
  j.Add("description", StringOrNull(g.description));
  j.Add("owner", StringOrNull(g.owner));
  j.Add("policy_refs", ArrayOf(g.policy_refs, Same<std::string>));
  j.Add("sdgs", ArrayOf(g.sdgs, Same<int>));
  j.Add("targets", ArrayOf(g.targets, TargetJson));
  j.Add("actuals", ArrayOf(g.actuals, ActualJson));
  j.Add("indicators", ArrayOf(g.indicators, IndicatorJson));
  j.Add("rating", OrNull(g.rating, RatingJson));
  j.Add("loc", LocJson(g.loc));
  return j;
}

Json DateJson(const DateMention& d) {
  Object j;
  j.Add("text", d.text);
  j.Add("date", StringOrNull(d.date));
  j.Add("fiscal_year", IntOrNull(d.fiscal_year));
  j.Add("kind", d.kind);
  // Added fields: present only when known, so a consumer can test for the key.
  if (!d.start.empty()) j.Add("start", d.start);
  if (!d.end.empty()) j.Add("end", d.end);
  j.Add("loc", LocJson(d.loc));
  return j;
}

Json WarningJson(const Warning& w) {
  Object j;
  j.Add("code", w.code);
  j.Add("message", w.message);
  j.Add("loc", w.loc.line == 0 ? Json(nullptr) : LocJson(w.loc));
  return j;
}

Json MunicipalityJson(const Municipality& m) {
  Object j;
  j.Add("name", m.name);
  j.Add("prefecture", m.prefecture);
  j.Add("code", m.code);
  j.Add("evidence", m.evidence);
  return j;
}

Json AuthorJson(const Author& a) {
  Object j;
  j.Add("title", a.title);
  j.Add("name", a.name);
  return j;
}

Json PeriodJson(const Period& p) {
  Object j;
  j.Add("start", p.start);
  j.Add("end", p.end);
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
  if (e.part) source["part"] = PartJson(*e.part);  // booklets only: absent otherwise
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
