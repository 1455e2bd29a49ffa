#include "emit/json.h"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
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

// How nlohmann's dump(…, ensure_ascii=false, replace) writes `s`: kAsIs, or kEscapes (a
// control character, quote or backslash to escape) when it is well-formed UTF-8 (no overlong
// form, surrogate or code point past U+10FFFF); else kMalformed (bytes get replaced).
enum class StringKind { kAsIs, kEscapes, kMalformed };
StringKind Classify(std::string_view s) {
  StringKind kind = StringKind::kAsIs;
  auto cont = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    if (k >= s.size()) return false;
    auto b = static_cast<unsigned char>(s[k]);
    return b >= lo && b <= hi;
  };
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b < 0x20 || b == '"' || b == '\\') kind = StringKind::kEscapes;
      ++i;
    } else if (b >= 0xC2 && b <= 0xDF && cont(i + 1)) {
      i += 2;
    } else if (b >= 0xE0 && b <= 0xEF &&
               cont(i + 1, b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF) && cont(i + 2)) {
      i += 3;
    } else if (b >= 0xF0 && b <= 0xF4 &&
               cont(i + 1, b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF) && cont(i + 2) && cont(i + 3)) {
      i += 4;
    } else {
      return StringKind::kMalformed;
    }
  }
  return kind;
}

// j.dump(indent, ' ', false, replace), byte for byte. nlohmann checks every byte of every
// string through its UTF-8 automaton; here well-formed strings (all but damaged input) are
// copied in runs between the characters to escape, and only the others, and fractions, go
// through nlohmann.
void Dump(const Json& j, int indent, int depth, std::string& out) {
  auto scalar = [&out](const Json& v) { out += v.dump(-1, ' ', false, Json::error_handler_t::replace); };
  auto string = [&](const std::string& v) {
    StringKind kind = Classify(v);
    if (kind == StringKind::kMalformed) return scalar(Json(v));  // nlohmann's replacement of bad bytes
    out += '"';
    if (kind == StringKind::kAsIs) {
      out += v;
      out += '"';
      return;
    }
    // Runs without a character to escape are copied whole; the escapes are nlohmann's.
    size_t run = 0;
    for (size_t i = 0; i < v.size(); ++i) {
      auto c = static_cast<unsigned char>(v[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out.append(v, run, i - run);
      run = i + 1;
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        }
      }
    }
    out.append(v, run, std::string::npos);
    out += '"';
  };
  auto newline = [&](int level) {
    if (indent < 0) return;
    out += '\n';
    out.append(static_cast<size_t>(indent * level), ' ');
  };
  if (j.is_object()) {
    if (j.empty()) {
      out += "{}";
      return;
    }
    out += '{';
    bool first = true;
    for (const auto& [key, value] : j.items()) {
      if (!first) out += ',';
      first = false;
      newline(depth + 1);
      string(key);
      out += indent < 0 ? ":" : ": ";
      Dump(value, indent, depth + 1, out);
    }
    newline(depth);
    out += '}';
  } else if (j.is_array()) {
    if (j.empty()) {
      out += "[]";
      return;
    }
    out += '[';
    bool first = true;
    for (const Json& value : j) {
      if (!first) out += ',';
      first = false;
      newline(depth + 1);
      Dump(value, indent, depth + 1, out);
    }
    newline(depth);
    out += ']';
  } else if (j.is_string()) {
    string(j.get_ref<const std::string&>());
  } else if (j.is_null()) {
    out += "null";
  } else if (j.is_boolean()) {
    out += j.get<bool>() ? "true" : "false";
  } else if (j.is_number_unsigned()) {
    out += std::to_string(j.get<uint64_t>());
  } else if (j.is_number_integer()) {
    out += std::to_string(j.get<int64_t>());
  } else {
    scalar(j);
  }
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
  std::string out;
  Dump(j, pretty ? 2 : -1, 0, out);
  return out;
}

}  // namespace gyosei
