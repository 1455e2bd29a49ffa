#include "emit/json.h"

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/utf8.h"

namespace gyosei {
namespace {

// Well-formed UTF-8 (core/utf8.h: no overlong forms, surrogates or code points past U+10FFFF):
// what nlohmann's dump accepts without replacing anything.
bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

// The JSON text written straight into a string, in exactly the form nlohmann's dump() gives
// (compact, or 2-space indentation; {} and [] for empty containers; the same escapes). Building
// nlohmann's tree first and dumping it cost a third of emitting and a megabyte of fresh memory
// for a 120-page PDF; nlohmann still writes what is rare and subtle: a fractional number and a
// string with invalid UTF-8 (replaced by U+FFFD exactly as before).
class Writer {
 public:
  Writer(std::string& out, bool pretty) : out_(out), pretty_(pretty) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('{', '}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close('[', ']'); }

  // The next value is the member `key` of the open object.
  Writer& Key(std::string_view key) {
    Separate();
    Quoted(key);
    out_ += pretty_ ? ": " : ":";
    keyed_ = true;
    return *this;
  }

  void Null() { Scalar("null"); }
  void Bool(bool v) { Scalar(v ? "true" : "false"); }
  void Int(int64_t v) {
    BeforeValue();
    out_ += std::to_string(v);
  }
  // Integral values print without ".0" (318, not 318.0); 2^53 bounds the doubles that are exactly
  // integral int64 values. Not finite: null.
  void Number(double v) {
    if (!std::isfinite(v)) return Null();
    if (std::trunc(v) == v && std::fabs(v) < 9007199254740992.0)
      return Int(static_cast<int64_t>(v));
    BeforeValue();
    out_ += nlohmann::json(v).dump();
  }
  void String(std::string_view s) {
    BeforeValue();
    if (!IsValidUtf8(s)) {
      out_ += nlohmann::json(std::string(s))
                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    Quoted(s);
  }
  void StringOrNull(std::string_view s) { s.empty() ? Null() : String(s); }
  void IntOrNull(int v) { v == 0 ? Null() : Int(v); }

 private:
  struct Open_ {
    char bracket;
    bool has_items = false;
  };

  void Open(char bracket) {
    BeforeValue();
    open_.push_back({bracket});
  }
  // An empty container prints as {} or []; the opening bracket waits for the first item.
  void Close(char bracket, char closing) {
    Open_ top = open_.back();
    open_.pop_back();
    if (!top.has_items) {
      out_ += bracket;
    } else if (pretty_) {
      out_ += '\n';
      Indent();
    }
    out_ += closing;
  }
  // Before an array item or an object key: the opening bracket, or the comma, and the indent.
  void Separate() {
    if (open_.empty()) return;
    Open_& top = open_.back();
    out_ += top.has_items ? ',' : top.bracket;
    top.has_items = true;
    if (pretty_) {
      out_ += '\n';
      Indent();
    }
  }
  void BeforeValue() {
    if (keyed_)
      keyed_ = false;
    else
      Separate();
  }
  void Scalar(const char* text) {
    BeforeValue();
    out_ += text;
  }
  void Indent() { out_.append(2 * open_.size(), ' '); }
  void Quoted(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    size_t run = 0;  // bytes written as they are, copied at once
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.data() + run, i - run);
      run = i + 1;
      out_ += '\\';
      switch (c) {
        case '"':
          out_ += '"';
          break;
        case '\\':
          out_ += '\\';
          break;
        case '\b':
          out_ += 'b';
          break;
        case '\f':
          out_ += 'f';
          break;
        case '\n':
          out_ += 'n';
          break;
        case '\r':
          out_ += 'r';
          break;
        case '\t':
          out_ += 't';
          break;
        default:
          out_ += "u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 15];
      }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
  }

  std::string& out_;
  bool pretty_;
  bool keyed_ = false;  // a key was written: the next value is its member
  std::vector<Open_> open_;
};

template <typename T, typename F>
void OrNull(Writer& w, const std::optional<T>& v, F write) {
  v ? write(w, *v) : w.Null();
}

template <typename T, typename F>
void ArrayOf(Writer& w, const std::vector<T>& items, F write) {
  w.BeginArray();
  for (const T& item : items) write(w, item);
  w.EndArray();
}

void WriteLoc(Writer& w, const Loc& loc) {
  w.BeginObject();
  w.Key("page").IntOrNull(loc.page);
  w.Key("line").Int(loc.line);
  w.EndObject();
}

void WriteBaseline(Writer& w, const TargetBaseline& b) {
  w.BeginObject();
  w.Key("value").Number(b.value);
  w.Key("unit").StringOrNull(b.unit);
  w.Key("date").StringOrNull(b.date);
  w.Key("fiscal_year").IntOrNull(b.fiscal_year);
  w.EndObject();
}

void WriteTarget(Writer& w, const Target& t) {
  w.BeginObject();
  w.Key("text").String(t.text);
  w.Key("metric").StringOrNull(t.metric);
  w.Key("value");
  OrNull(w, t.value, [](Writer& w, double v) { w.Number(v); });
  w.Key("unit").StringOrNull(t.unit);
  w.Key("comparison").StringOrNull(t.comparison);
  w.Key("maintain").Bool(t.maintain);
  w.Key("due").StringOrNull(t.due);
  w.Key("baseline");
  OrNull(w, t.baseline, WriteBaseline);
  w.Key("fiscal_year").IntOrNull(t.fiscal_year);
  w.Key("indicator").StringOrNull(t.indicator);
  w.Key("loc");
  WriteLoc(w, t.loc);
  w.EndObject();
}

void WriteActual(Writer& w, const Actual& a) {
  w.BeginObject();
  w.Key("text").String(a.text);
  w.Key("metric").StringOrNull(a.metric);
  w.Key("value").Number(a.value);
  w.Key("unit").StringOrNull(a.unit);
  w.Key("fiscal_year").IntOrNull(a.fiscal_year);
  w.Key("date").StringOrNull(a.date);
  w.Key("indicator").StringOrNull(a.indicator);
  w.Key("loc");
  WriteLoc(w, a.loc);
  w.EndObject();
}

void WriteAchievement(Writer& w, const Achievement& a) {
  w.BeginObject();
  w.Key("value").Number(a.value);
  w.Key("fiscal_year").IntOrNull(a.fiscal_year);
  w.EndObject();
}

void WriteIndicator(Writer& w, const Indicator& i) {
  w.BeginObject();
  w.Key("id").String(i.id);
  w.Key("name").String(i.name);
  w.Key("kind").StringOrNull(i.kind);
  w.Key("unit").StringOrNull(i.unit);
  w.Key("direction").StringOrNull(i.direction);
  w.Key("achievement");
  OrNull(w, i.achievement, WriteAchievement);
  w.Key("loc");
  WriteLoc(w, i.loc);
  w.EndObject();
}

void WritePart(Writer& w, const BookletPart& p) {
  w.BeginObject();
  w.Key("index").Int(p.index);
  w.Key("count").Int(p.count);
  w.Key("first_page").Int(p.first_page);
  w.Key("last_page").Int(p.last_page);
  w.EndObject();
}

void WriteRating(Writer& w, const Rating& r) {
  w.BeginObject();
  w.Key("label").String(r.label);
  w.Key("scale").String(r.scale);
  w.Key("level").Int(r.level);
  w.Key("levels").Int(r.levels);
  w.EndObject();
}

void WriteGoal(Writer& w, const Goal& g) {
  w.BeginObject();
  w.Key("id").String(g.id);
  w.Key("parent_id").StringOrNull(g.parent_id);
  w.Key("number").StringOrNull(g.number);
  w.Key("title").String(g.title);
  w.Key("description").StringOrNull(g.description);
  w.Key("owner").StringOrNull(g.owner);
  w.Key("policy_refs");
  ArrayOf(w, g.policy_refs, [](Writer& w, const std::string& s) { w.String(s); });
  w.Key("sdgs");
  ArrayOf(w, g.sdgs, [](Writer& w, int n) { w.Int(n); });
  w.Key("targets");
  ArrayOf(w, g.targets, WriteTarget);
  w.Key("actuals");
  ArrayOf(w, g.actuals, WriteActual);
  w.Key("indicators");
  ArrayOf(w, g.indicators, WriteIndicator);
  w.Key("rating");
  OrNull(w, g.rating, WriteRating);
  w.Key("loc");
  WriteLoc(w, g.loc);
  w.EndObject();
}

void WriteDate(Writer& w, const DateMention& d) {
  w.BeginObject();
  w.Key("text").String(d.text);
  w.Key("date").StringOrNull(d.date);
  w.Key("fiscal_year").IntOrNull(d.fiscal_year);
  w.Key("kind").String(d.kind);
  // Added fields: present only when known, so a consumer can test for the key.
  if (!d.start.empty()) w.Key("start").String(d.start);
  if (!d.end.empty()) w.Key("end").String(d.end);
  w.Key("loc");
  WriteLoc(w, d.loc);
  w.EndObject();
}

void WriteWarning(Writer& w, const Warning& warning) {
  w.BeginObject();
  w.Key("code").String(warning.code);
  w.Key("message").String(warning.message);
  w.Key("loc");
  warning.loc.line == 0 ? w.Null() : WriteLoc(w, warning.loc);
  w.EndObject();
}

void WriteMunicipality(Writer& w, const Municipality& m) {
  w.BeginObject();
  w.Key("name").String(m.name);
  w.Key("prefecture").String(m.prefecture);
  w.Key("code").String(m.code);
  w.Key("evidence").String(m.evidence);
  w.EndObject();
}

void WriteAuthor(Writer& w, const Author& a) {
  w.BeginObject();
  w.Key("title").String(a.title);
  w.Key("name").String(a.name);
  w.EndObject();
}

void WritePeriod(Writer& w, const Period& p) {
  w.BeginObject();
  w.Key("start").String(p.start);
  w.Key("end").String(p.end);
  w.EndObject();
}

}  // namespace

std::string ExtractionToJson(const Extraction& e, bool pretty) {
  std::string out;
  Writer w(out, pretty);
  w.BeginObject();
  w.Key("schema_version").String("1");

  w.Key("source");
  w.BeginObject();
  w.Key("path").String(e.path);
  w.Key("sha256").String(e.sha256);
  w.Key("format").String(e.format);
  // A PDF has no text encoding, whatever a caller may have left in the field.
  w.Key("encoding").StringOrNull(e.format == "pdf" ? "" : e.encoding);
  w.Key("pages").IntOrNull(e.pages);
  if (e.part) {  // booklets only: absent otherwise
    w.Key("part");
    WritePart(w, *e.part);
  }
  w.EndObject();

  w.Key("municipality");
  OrNull(w, e.municipality, WriteMunicipality);
  w.Key("department").StringOrNull(e.department);
  w.Key("author");
  OrNull(w, e.author, WriteAuthor);
  w.Key("document_type").String(e.document_type);
  w.Key("document_label").StringOrNull(e.document_label);
  w.Key("title").StringOrNull(e.title);
  w.Key("fiscal_year").IntOrNull(e.fiscal_year);
  w.Key("period");
  OrNull(w, e.period, WritePeriod);
  w.Key("goals");
  ArrayOf(w, e.goals, WriteGoal);
  w.Key("dates");
  ArrayOf(w, e.dates, WriteDate);
  w.Key("warnings");
  ArrayOf(w, e.warnings, WriteWarning);
  w.Key("rules_version").StringOrNull(e.rules_version);
  w.EndObject();
  return out;
}

}  // namespace gyosei
