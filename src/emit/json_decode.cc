#include "emit/json_decode.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
#include <vector>

namespace gyosei {
namespace {

using Json = nlohmann::json;

// Thrown inside this file only (caught in ExtractionFromJson): the path of the field that is
// missing or mistyped, e.g. "goals[2].targets[0].value".
struct FieldError {
  std::string field;
  std::string what;
};

// A JSON object together with where it sits in the document, so every error names its field.
class Fields {
 public:
  Fields(const Json& object, std::string where) : object_(object), where_(std::move(where)) {
    if (!object_.is_object()) Fail("", "is not an object");
  }

  const Json& Get(const char* key) const {
    auto it = object_.find(key);
    if (it == object_.end()) Fail(key, "is missing");
    return *it;
  }
  bool Has(const char* key) const { return object_.contains(key); }
  std::string Path(const char* key) const { return where_.empty() ? key : where_ + "." + key; }

  [[noreturn]] void Fail(const char* key, const char* what) const {
    throw FieldError{*key ? Path(key) : where_, what};
  }

  std::string String(const char* key) const {
    const Json& v = Get(key);
    if (!v.is_string()) Fail(key, "is not a string");
    return v.get<std::string>();
  }
  // The contract's null <-> "" mapping (extraction.h).
  std::string StringOrNull(const char* key) const {
    const Json& v = Get(key);
    if (v.is_null()) return {};
    if (!v.is_string()) Fail(key, "is not a string or null");
    return v.get<std::string>();
  }
  int Int(const char* key) const {
    const Json& v = Get(key);
    if (!v.is_number_integer()) Fail(key, "is not an integer");
    return v.get<int>();
  }
  int IntOrNull(const char* key) const {  // null <-> 0
    const Json& v = Get(key);
    if (v.is_null()) return 0;
    if (!v.is_number_integer()) Fail(key, "is not an integer or null");
    return v.get<int>();
  }
  double Number(const char* key) const {
    const Json& v = Get(key);
    if (!v.is_number()) Fail(key, "is not a number");
    return v.get<double>();
  }
  std::optional<double> NumberOrNull(const char* key) const {
    const Json& v = Get(key);
    if (v.is_null()) return std::nullopt;
    if (!v.is_number()) Fail(key, "is not a number or null");
    return v.get<double>();
  }
  bool Bool(const char* key) const {
    const Json& v = Get(key);
    if (!v.is_boolean()) Fail(key, "is not true or false");
    return v.get<bool>();
  }
  // nullptr for null; the object's Fields otherwise.
  std::optional<Fields> ObjectOrNull(const char* key) const {
    const Json& v = Get(key);
    if (v.is_null()) return std::nullopt;
    return Fields(v, Path(key));
  }
  Fields Object(const char* key) const { return Fields(Get(key), Path(key)); }

  template <typename T, typename F>
  std::vector<T> Array(const char* key, F decode) const {
    const Json& v = Get(key);
    if (!v.is_array()) Fail(key, "is not an array");
    std::vector<T> out;
    out.reserve(v.size());
    for (size_t i = 0; i < v.size(); ++i) {
      out.push_back(decode(v[i], Path(key) + "[" + std::to_string(i) + "]"));
    }
    return out;
  }

 private:
  const Json& object_;
  std::string where_;
};

Loc DecodeLoc(const Fields& f) {
  Loc loc;
  loc.page = f.IntOrNull("page");
  loc.line = f.Int("line");
  return loc;
}

Loc LocOf(const Fields& f) { return DecodeLoc(f.Object("loc")); }

std::string AsString(const Json& v, const std::string& where) {
  if (!v.is_string()) throw FieldError{where, "is not a string"};
  return v.get<std::string>();
}

int AsInt(const Json& v, const std::string& where) {
  if (!v.is_number_integer()) throw FieldError{where, "is not an integer"};
  return v.get<int>();
}

Target DecodeTarget(const Json& j, const std::string& where) {
  Fields f(j, where);
  Target t;
  t.text = f.String("text");
  t.metric = f.StringOrNull("metric");
  t.value = f.NumberOrNull("value");
  t.unit = f.StringOrNull("unit");
  t.comparison = f.StringOrNull("comparison");
  t.maintain = f.Bool("maintain");
  t.due = f.StringOrNull("due");
  if (auto b = f.ObjectOrNull("baseline")) {
    t.baseline = TargetBaseline{b->Number("value"), b->StringOrNull("unit"),
                                b->StringOrNull("date"), b->IntOrNull("fiscal_year")};
  }
  t.fiscal_year = f.IntOrNull("fiscal_year");
  t.indicator = f.StringOrNull("indicator");
  t.loc = LocOf(f);
  return t;
}

Actual DecodeActual(const Json& j, const std::string& where) {
  Fields f(j, where);
  Actual a;
  a.text = f.String("text");
  a.metric = f.StringOrNull("metric");
  a.value = f.Number("value");
  a.unit = f.StringOrNull("unit");
  a.fiscal_year = f.IntOrNull("fiscal_year");
  a.date = f.StringOrNull("date");
  a.indicator = f.StringOrNull("indicator");
  a.loc = LocOf(f);
  return a;
}

Indicator DecodeIndicator(const Json& j, const std::string& where) {
  Fields f(j, where);
  Indicator i;
  i.id = f.String("id");
  i.name = f.String("name");
  i.kind = f.StringOrNull("kind");
  i.unit = f.StringOrNull("unit");
  i.direction = f.StringOrNull("direction");
  if (auto a = f.ObjectOrNull("achievement")) {
    i.achievement = Achievement{a->Number("value"), a->IntOrNull("fiscal_year")};
  }
  i.loc = LocOf(f);
  return i;
}

Goal DecodeGoal(const Json& j, const std::string& where) {
  Fields f(j, where);
  Goal g;
  g.id = f.String("id");
  g.parent_id = f.StringOrNull("parent_id");
  g.number = f.StringOrNull("number");
  g.title = f.String("title");
  g.description = f.StringOrNull("description");
  g.owner = f.StringOrNull("owner");
  g.policy_refs = f.Array<std::string>("policy_refs", AsString);
  g.sdgs = f.Array<int>("sdgs", AsInt);
  g.targets = f.Array<Target>("targets", DecodeTarget);
  g.actuals = f.Array<Actual>("actuals", DecodeActual);
  g.indicators = f.Array<Indicator>("indicators", DecodeIndicator);
  if (auto r = f.ObjectOrNull("rating")) {
    g.rating = Rating{r->String("label"), r->String("scale"), r->Int("level"), r->Int("levels")};
  }
  g.loc = LocOf(f);
  return g;
}

DateMention DecodeDate(const Json& j, const std::string& where) {
  Fields f(j, where);
  DateMention d;
  d.text = f.String("text");
  d.date = f.StringOrNull("date");
  d.fiscal_year = f.IntOrNull("fiscal_year");
  d.kind = f.String("kind");
  if (f.Has("start")) d.start = f.String("start");
  if (f.Has("end")) d.end = f.String("end");
  d.loc = LocOf(f);
  return d;
}

Warning DecodeWarning(const Json& j, const std::string& where) {
  Fields f(j, where);
  Warning w;
  w.code = f.String("code");
  w.message = f.String("message");
  if (auto loc = f.ObjectOrNull("loc")) w.loc = DecodeLoc(*loc);
  return w;
}

Extraction Decode(const Json& j) {
  Fields top(j, "");
  if (top.String("schema_version") != "1") top.Fail("schema_version", "is not \"1\"");
  Extraction e;
  Fields source = top.Object("source");
  e.path = source.String("path");
  e.sha256 = source.String("sha256");
  e.format = source.String("format");
  e.encoding = source.StringOrNull("encoding");
  e.pages = source.IntOrNull("pages");
  if (source.Has("part")) {
    if (auto p = source.ObjectOrNull("part")) {
      e.part =
          BookletPart{p->Int("index"), p->Int("count"), p->Int("first_page"), p->Int("last_page")};
    }
  }
  if (auto m = top.ObjectOrNull("municipality")) {
    e.municipality = Municipality{m->String("name"), m->String("prefecture"), m->String("code"),
                                  m->String("evidence")};
  }
  e.department = top.StringOrNull("department");
  if (auto a = top.ObjectOrNull("author")) e.author = Author{a->String("title"), a->String("name")};
  e.document_type = top.String("document_type");
  e.document_label = top.StringOrNull("document_label");
  e.title = top.StringOrNull("title");
  e.fiscal_year = top.IntOrNull("fiscal_year");
  if (auto p = top.ObjectOrNull("period")) e.period = Period{p->String("start"), p->String("end")};
  e.goals = top.Array<Goal>("goals", DecodeGoal);
  e.dates = top.Array<DateMention>("dates", DecodeDate);
  e.warnings = top.Array<Warning>("warnings", DecodeWarning);
  if (top.Has("rules_version")) e.rules_version = top.StringOrNull("rules_version");
  return e;
}

}  // namespace

Expected<Extraction> ExtractionFromJson(std::string_view json, std::string_view document) {
  Json j = Json::parse(json, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return Status(StatusCode::kInternal,
                  std::string(document) + ": the extraction result is not valid JSON");
  }
  try {
    return Decode(j);
  } catch (const FieldError& error) {
    return Status(StatusCode::kInternal, std::string(document) + ": extraction result field " +
                                             (error.field.empty() ? "(top)" : error.field) + " " +
                                             error.what);
  } catch (const Json::exception& error) {  // a number out of int range, say
    return Status(StatusCode::kInternal,
                  std::string(document) + ": extraction result: " + error.what());
  }
}

}  // namespace gyosei
