// Loading the detection vocabulary (rules/municipality/detect.rules).
#include <map>

#include "core/utf8.h"
#include "extract/municipality_data.h"
#include "rules/rule_set.h"

namespace gyosei::municipality {
namespace {

constexpr const char* kFile = "municipality/detect.rules";

std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out += DecodeUtf8(s, i);
  return out;
}

// "は の が": characters separated by spaces; anything longer than one character is an error.
void ReadChars(const RuleEntry& e, std::u32string& out, std::string& errors) {
  for (size_t i = 0; i < e.value.size();) {
    size_t space = e.value.find(' ', i);
    std::string_view item = std::string_view(e.value).substr(i, space - i);
    i = space == std::string::npos ? e.value.size() : space + 1;
    if (item.empty()) continue;
    std::u32string c = Decode(item);
    if (c.size() != 1) {
      errors += e.Where() + ": '" + std::string(item) + "' is not one character\n";
      continue;
    }
    out += c;
  }
}

// A word: at least one character, no space (words are matched as written).
bool ReadWord(const RuleEntry& e, std::u32string& out, std::string& errors) {
  out = Decode(e.value);
  if (out.empty() || e.value.find(' ') != std::string::npos) {
    errors += e.Where() + ": expected one word without spaces, got '" + e.value + "'\n";
    return false;
  }
  return true;
}

void ReadSelfReference(const RuleSection& s, DetectWords& words, std::string& errors) {
  static const std::map<std::string, SelfKind, std::less<>> kKinds = {
      {"city", SelfKind::kCity},
      {"town", SelfKind::kTown},
      {"village", SelfKind::kVillage},
      {"ward", SelfKind::kWard}};
  const bool prefecture = s.name == "prefecture";
  auto kind = kKinds.find(s.name);
  if (!prefecture && kind == kKinds.end()) {
    errors += s.Where() + ": unknown self_reference kind '" + s.name +
              "' (known: city, town, village, ward, prefecture)\n";
    return;
  }
  const size_t first = words.self_words.size();
  std::vector<const RuleEntry*> excepts;
  for (const RuleEntry& e : s.entries) {
    if (e.key == "word" || e.key == "word_before_particle") {
      DetectWords::SelfWord w;
      if (!ReadWord(e, w.word, errors)) continue;
      w.prefecture = prefecture;
      if (!prefecture) w.kind = kind->second;
      w.before_particle = e.key == "word_before_particle";
      words.self_words.push_back(std::move(w));
    } else if (e.key == "except") {
      excepts.push_back(&e);
    } else {
      errors += e.Where() + ": unknown key '" + e.key +
                "' in [self_reference] (known: word, word_before_particle, except)\n";
    }
  }
  for (const RuleEntry* e : excepts) {
    std::u32string text;
    if (!ReadWord(*e, text, errors)) continue;
    bool holds_one = false;
    for (size_t k = first; k < words.self_words.size(); ++k) {
      DetectWords::SelfWord& w = words.self_words[k];
      if (size_t at = text.find(w.word); at != std::u32string::npos && text != w.word) {
        w.excepts.emplace_back(text, at);
        holds_one = true;
      }
    }
    if (!holds_one) {
      errors += e->Where() + ": '" + e->value + "' holds none of this section's words\n";
    }
  }
}

void ReadWords(const RuleSection& s, std::vector<std::u32string>& out, std::string& errors) {
  for (const RuleEntry& e : s.entries) {
    if (e.key != "word") {
      errors += e.Where() + ": unknown key '" + e.key + "' in [" + s.kind + "] (known: word)\n";
      continue;
    }
    if (std::u32string w; ReadWord(e, w, errors)) out.push_back(std::move(w));
  }
}

}  // namespace

Status LoadDetectWords(const RuleFiles& rules, DetectWords& words) {
  const RuleFile* file = rules.Find(kFile);
  if (!file) {
    return Status(StatusCode::kRuleError,
                  std::string(kFile) + ": missing from the rule files (rules/" + kFile + ")");
  }
  auto sections = ParseRuleFile(*file);
  if (!sections) return sections.status();
  std::string errors;
  for (const RuleSection& s : *sections) {
    if (s.kind == "particles") {
      for (const RuleEntry& e : s.entries) {
        if (e.key == "chars") {
          ReadChars(e, words.particles, errors);
        } else {
          errors += e.Where() + ": unknown key '" + e.key + "' in [particles] (known: chars)\n";
        }
      }
    } else if (s.kind == "self_reference") {
      ReadSelfReference(s, words, errors);
    } else if (s.kind == "not_a_name") {
      ReadWords(s, words.not_a_name, errors);
      for (const std::u32string& w : words.not_a_name) {
        if (w.size() < 2) errors += s.Where() + ": a [not_a_name] word has 2 characters or more\n";
      }
    } else if (s.kind == "office") {
      ReadWords(s, words.office, errors);
    } else if (s.kind == "own_law") {
      ReadWords(s, words.own_law, errors);
    } else {
      errors += s.Where() + ": unknown section kind [" + s.kind +
                "] (known: particles, self_reference, not_a_name, office, own_law)\n";
    }
  }
  if (!errors.empty()) {
    errors.pop_back();
    return Status(StatusCode::kRuleError, errors);
  }
  words.may_matter.assign(0x10000, false);
  for (const DetectWords::SelfWord& w : words.self_words) {
    if (w.word[0] < 0x10000) words.may_matter[w.word[0]] = true;
  }
  return Status::Ok();
}

}  // namespace gyosei::municipality
