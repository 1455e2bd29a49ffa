// The caller's --municipality (a name or a code) resolved against the code table.
#include "core/utf8.h"
#include "extract/municipality_data.h"

namespace gyosei {

using namespace municipality;

Expected<Municipality> MunicipalityTable::Lookup(std::string_view input) const {
  const Data& d = *data_;
  // Spaces go (静岡県 菊川市), full-width digits become ASCII (２２２２４１).
  std::string s;
  for (size_t i = 0; i < input.size();) {
    char32_t c = DecodeUtf8(input, i);
    if (c == ' ' || c == '\t' || c == 0x3000) continue;
    if (c >= 0xFF10 && c <= 0xFF19) c = c - 0xFF10 + '0';
    AppendUtf8(c, s);
  }
  if (s.empty()) return Status(StatusCode::kInvalidArgument, "empty municipality name or code");

  if (AllAsciiDigits(s)) {
    if (s.size() == 5) {
      if (auto it = d.by_code5.find(s); it != d.by_code5.end()) {
        return d.ToMunicipality(it->second, "caller");
      }
      return Status(StatusCode::kNotFound, s + ": no local government has this code");
    }
    if (s.size() != 6) {
      return Status(StatusCode::kInvalidArgument,
                    s + ": a local-government code has 6 digits (5 without the check digit)");
    }
    if (auto it = d.by_code.find(s); it != d.by_code.end()) {
      return d.ToMunicipality(it->second, "caller");
    }
    if (auto it = d.by_code5.find(s.substr(0, 5)); it != d.by_code5.end()) {
      return Status(
          StatusCode::kInvalidArgument,
          s + ": wrong check digit; " + d.rows[it->second].code + " is " + d.Display(it->second));
    }
    return Status(StatusCode::kNotFound, s + ": no local government has this code");
  }

  // A 郡 is not in the table: 榛原郡吉田町 is looked up as 吉田町.
  auto drop_gun = [](std::string_view name) {
    size_t gun = name.find("郡");
    return gun != std::string_view::npos && gun + 3 < name.size() ? name.substr(gun + 3) : name;
  };
  std::vector<int> candidates = d.NameCandidates(FoldKey(drop_gun(s)));
  if (candidates.empty()) {
    for (const auto& [prefecture, row] : d.prefectures) {
      if (s.size() <= prefecture.size() || !std::string_view(s).starts_with(prefecture)) continue;
      for (int r :
           d.NameCandidates(FoldKey(drop_gun(std::string_view(s).substr(prefecture.size())))))
        if (d.rows[r].prefecture == prefecture) candidates.push_back(r);
    }
  }
  if (candidates.empty()) {
    return Status(StatusCode::kNotFound,
                  s + ": no such municipality in lgcode.csv (write it as 総務省 does, e.g. "
                      "菊川市 or 静岡県菊川市, or give its 6-digit code)");
  }
  if (candidates.size() == 1) return d.ToMunicipality(candidates[0], "caller");
  std::string list;
  for (int r : candidates) {
    if (!list.empty()) list += ", ";
    list += d.Display(r) + " (" + d.rows[r].code + ")";
  }
  return Status(
      StatusCode::kInvalidArgument,
      s + " is ambiguous: " + list + "; write the prefecture (or city) in front, or give the code");
}

std::optional<Municipality> MunicipalityTable::Find(std::string_view name_or_code) const {
  auto m = Lookup(name_or_code);
  if (!m) return std::nullopt;
  return std::move(m).value();
}

}  // namespace gyosei
