#include "emit/json.h"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

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

Json LocJson(const Loc& loc) {
  Json j;
  j["page"] = IntOrNull(loc.page);
  j["line"] = loc.line;
  return j;
}

Json TargetJson(const Target& t) {
  Json j;
  j["text"] = t.text;
  j["metric"] = StringOrNull(t.metric);
  j["value"] = t.value ? Number(*t.value) : Json(nullptr);
  j["unit"] = StringOrNull(t.unit);
  j["comparison"] = StringOrNull(t.comparison);
  j["maintain"] = t.maintain;
  j["due"] = StringOrNull(t.due);
  if (t.baseline) {
    Json b;
    b["value"] = Number(t.baseline->value);
    b["unit"] = StringOrNull(t.baseline->unit);
    b["date"] = StringOrNull(t.baseline->date);
    b["fiscal_year"] = IntOrNull(t.baseline->fiscal_year);
    j["baseline"] = std::move(b);
  } else {
    j["baseline"] = nullptr;
  }
  j["loc"] = LocJson(t.loc);
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
  j["policy_refs"] = Json::array();
  for (const std::string& ref : g.policy_refs) j["policy_refs"].push_back(ref);
  j["sdgs"] = Json::array();
  for (int sdg : g.sdgs) j["sdgs"].push_back(sdg);
  j["targets"] = Json::array();
  for (const Target& t : g.targets) j["targets"].push_back(TargetJson(t));
  if (g.rating) {
    Json r;
    r["label"] = g.rating->label;
    r["scale"] = g.rating->scale;
    r["level"] = g.rating->level;
    r["levels"] = g.rating->levels;
    j["rating"] = std::move(r);
  } else {
    j["rating"] = nullptr;
  }
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

  if (e.municipality) {
    Json m;
    m["name"] = e.municipality->name;
    m["prefecture"] = e.municipality->prefecture;
    m["code"] = e.municipality->code;
    m["evidence"] = e.municipality->evidence;
    j["municipality"] = std::move(m);
  } else {
    j["municipality"] = nullptr;
  }

  j["department"] = StringOrNull(e.department);
  if (e.author) {
    Json a;
    a["title"] = e.author->title;
    a["name"] = e.author->name;
    j["author"] = std::move(a);
  } else {
    j["author"] = nullptr;
  }
  j["document_type"] = e.document_type;
  j["document_label"] = StringOrNull(e.document_label);
  j["title"] = StringOrNull(e.title);
  j["fiscal_year"] = IntOrNull(e.fiscal_year);
  if (e.period) {
    Json p;
    p["start"] = e.period->start;
    p["end"] = e.period->end;
    j["period"] = std::move(p);
  } else {
    j["period"] = nullptr;
  }

  j["goals"] = Json::array();
  for (const Goal& g : e.goals) j["goals"].push_back(GoalJson(g));
  j["dates"] = Json::array();
  for (const DateMention& d : e.dates) j["dates"].push_back(DateJson(d));
  j["warnings"] = Json::array();
  for (const Warning& w : e.warnings) j["warnings"].push_back(WarningJson(w));

  j["rules_version"] = StringOrNull(e.rules_version);

  // replace: a stray invalid byte from a damaged input must not abort the whole document.
  return j.dump(pretty ? 2 : -1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

}  // namespace gyosei
