// Loading the code table: rules/lgcode.csv -> rows and their indexes, every error file:line.
#include <map>

#include "core/csv.h"
#include "core/utf8.h"
#include "extract/municipality_data.h"

namespace gyosei {
namespace municipality {

size_t CountChars(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    DecodeUtf8(s, i);
    ++n;
  }
  return n;
}

std::string FoldKey(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i + 2 < out.size(); ++i) {
    if (static_cast<unsigned char>(out[i]) != 0xE3) continue;
    auto b1 = static_cast<unsigned char>(out[i + 1]);
    auto b2 = static_cast<unsigned char>(out[i + 2]);
    if ((b1 == 0x82 && b2 == 0xB1) || (b1 == 0x83 && b2 == 0xB5)) {  // ケ ヵ -> ヶ
      out[i + 1] = static_cast<char>(0x83);
      out[i + 2] = static_cast<char>(0xB6);
    } else if (b1 == 0x81 && b2 == 0xAE) {  // の -> ノ
      out[i + 1] = static_cast<char>(0x83);
      out[i + 2] = static_cast<char>(0x8E);
    }
    i += 2;
  }
  return out;
}

bool AllAsciiDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace municipality

namespace {

using namespace municipality;

int CheckDigit(std::string_view five) {
  int sum = 0;
  for (int i = 0; i < 5; ++i) sum += (6 - i) * (five[i] - '0');
  return (11 - sum % 11) % 10;
}

// is the real one in 後志.
bool IsNorthernTerritories(std::string_view code) {
  return code == "016951" || code == "016969" || code == "016977" || code == "016985" ||
         code == "016993" || code == "017001";
}

}  // namespace

Expected<MunicipalityTable> MunicipalityTable::Load(const RuleFiles& rules) {
  const RuleFile* file = rules.Find("lgcode.csv");
  if (!file) {
    return Status(StatusCode::kRuleError,
                  "lgcode.csv: missing from the rule files (rules/lgcode.csv)");
  }
  return Parse(file->content, file->origin, rules);
}

Expected<MunicipalityTable> MunicipalityTable::Parse(std::string_view csv,
                                                     const std::string& origin,
                                                     const RuleFiles& rules) {
  static const std::map<std::string_view, Kind> kTypes = {{"都道府県", Kind::kPrefecture},
                                                          {"政令指定都市", Kind::kCity},
                                                          {"市", Kind::kCity},
                                                          {"町", Kind::kTown},
                                                          {"村", Kind::kVillage},
                                                          {"特別区", Kind::kSpecialWard},
                                                          {"政令市の区", Kind::kCityWard}};
  auto data = std::make_shared<Data>();
  std::vector<int> line_of;  // source line of each row, for messages found after the scan
  std::vector<bool> designated;
  auto error = [&origin](int line, const std::string& what) {
    return Status(StatusCode::kRuleError, origin + ":" + std::to_string(line) + ": " + what);
  };

  auto records = ParseCsv(csv, origin);
  if (!records) return Status(StatusCode::kRuleError, records.status().message());
  // Sized once: growing the row list and the hash tables row by row rebuilt each several times.
  data->rows.reserve(records->size());
  data->by_code.reserve(records->size());
  data->by_code5.reserve(records->size());
  data->by_key.reserve(records->size());
  line_of.reserve(records->size());
  designated.reserve(records->size());
  bool header = false;
  for (const CsvRecord& record : *records) {
    const int line_no = record.line;
    const std::vector<std::string>& f = record.fields;
    if (!header) {
      if (f != std::vector<std::string>{"code", "prefecture", "name", "kana", "type"}) {
        return error(line_no, "expected the header line code,prefecture,name,kana,type");
      }
      header = true;
      continue;
    }
    if (f.size() != 5) {
      return error(line_no, "expected 5 fields (code,prefecture,name,kana,type), found " +
                                std::to_string(f.size()));
    }
    if (f[0].size() != 6 || !AllAsciiDigits(f[0])) {
      return error(line_no, "code '" + std::string(f[0]) + "' is not 6 digits");
    }
    if (CheckDigit(f[0]) != f[0][5] - '0') {
      return error(line_no, "code " + std::string(f[0]) + ": check digit should be " +
                                std::to_string(CheckDigit(f[0])));
    }
    if (f[1].empty() || f[2].empty()) return error(line_no, "empty prefecture or name");
    auto type = kTypes.find(f[4]);
    if (type == kTypes.end()) {
      return error(line_no, "unknown type '" + std::string(f[4]) +
                                "' (都道府県 政令指定都市 市 町 村 特別区 政令市の区)");
    }
    Row row;
    row.code = std::string(f[0]);
    row.prefecture = std::string(f[1]);
    row.name = std::string(f[2]);
    row.kind = type->second;
    row.bare = row.name;
    row.northern = IsNorthernTerritories(row.code);
    if (row.kind == Kind::kPrefecture && row.name != row.prefecture) {
      return error(line_no, "a 都道府県 row's name must be its prefecture");
    }
    int index = static_cast<int>(data->rows.size());
    if (!data->by_code.emplace(row.code, index).second) {
      return error(line_no, "code " + row.code + " appears twice");
    }
    data->by_code5.emplace(row.code.substr(0, 5), index);
    if (row.kind == Kind::kPrefecture) data->prefectures.emplace(row.name, index);
    designated.push_back(type->first == "政令指定都市");
    line_of.push_back(line_no);
    data->rows.push_back(std::move(row));
  }
  if (!header) {
    return Status(StatusCode::kRuleError,
                  origin + ": empty; expected the header line code,prefecture,name,kana,type");
  }

  // The 政令市 rows, in table order: a ward looks for its city among these ~20 only, not among
  // all ~1,900 rows (that search was half of the table's start-up cost).
  std::vector<size_t> cities;
  for (size_t c = 0; c < data->rows.size(); ++c)
    if (designated[c]) cities.push_back(c);
  for (size_t i = 0; i < data->rows.size(); ++i) {
    Row& row = data->rows[i];
    if (!data->prefectures.contains(row.prefecture)) {
      return error(line_of[i], "prefecture " + row.prefecture + " has no 都道府県 row");
    }
    if (row.kind == Kind::kCityWard) {
      // The ward's city is the 政令市 of its prefecture whose name begins the ward's.
      for (size_t c : cities) {
        const Row& city = data->rows[c];
        if (city.prefecture == row.prefecture && row.name.size() > city.name.size() &&
            row.name.starts_with(city.name)) {
          row.city = static_cast<int>(c);
          row.bare = row.name.substr(city.name.size());
        }
      }
      if (row.city < 0) {
        return error(line_of[i], "ward " + row.name + ": no 政令指定都市 row whose name begins it");
      }
      data->wards_by_bare[FoldKey(row.bare)].push_back(static_cast<int>(i));
    }
    row.stem_chars = static_cast<int>(CountChars(row.name)) - 1;
    row.bare_stem_chars = static_cast<int>(CountChars(row.bare)) - 1;
    std::string key = FoldKey(row.name);
    data->max_chars = std::max(data->max_chars, static_cast<int>(CountChars(key)));
    data->by_key[key].push_back(static_cast<int>(i));
  }
  // A northern-territories village yields its name to a real one of the same prefecture.
  // The predicate reads a copy: erase_if moves elements of `rows` while it runs. (No structured
  // binding here: clang 14, which the fuzz build uses, cannot capture one in a lambda.)
  for (auto& entry : data->by_key) {
    std::vector<int>& rows = entry.second;
    const std::vector<int> all = rows;
    std::erase_if(rows, [&](int r) {
      const Row& row = data->rows[r];
      return row.northern && std::any_of(all.begin(), all.end(), [&](int o) {
               return !data->rows[o].northern && data->rows[o].prefecture == row.prefecture;
             });
    });
  }
  if (Status s = LoadDetectWords(rules, data->words); !s.ok()) return s;
  // The characters names end with, so that detection looks up names only there.
  data->words.name_end.assign(0x10000, false);
  for (const Row& row : data->rows) {
    size_t i = 0;
    char32_t last = 0;
    while (i < row.name.size()) last = DecodeUtf8(row.name, i);
    if (last < 0x10000) data->words.name_end[last] = data->words.may_matter[last] = true;
  }
  return MunicipalityTable(std::move(data));
}

size_t MunicipalityTable::size() const { return data_->rows.size(); }

}  // namespace gyosei
