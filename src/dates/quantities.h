// Quantities in Japanese municipal documents: a number, its unit and what is said about it.
//
//   gyosei::dates::QuantityScanner scanner;  // once; compiles its patterns
//   std::vector<gyosei::dates::Quantity> found;
//   scanner.Scan("職員数を318人とします。", found);
//   // found[0]: text "318人とします", value 318, unit "人", comparison "eq"
//
// Numbers: 6,500 / ６，５００, 49.4, 三百十八, 千二十七, 1万2千, 3.5億, 1,027名. A number made
// of one kanji alone (一人, 千円 in a table heading) is too ambiguous and is not reported.
// 約 / およそ / 概ね in front or 程度 / 前後 after set `approximate`. ▲5%, △5% and マイナス5%
// are -5. ¥100 and ￥1,000 are yen. 3割4分5厘 is 34.5 "%" (a 割 alone stays 割).
// Ranges: 10～20件, 10〜20件, 10-20件, 5人～8人 -> value 10, range_max 20; 60%以上90%未満 ->
// value 60, comparison "ge", range_max 90, max_comparison "lt"; open: 3人～ -> "ge", 「～8人」
// -> "le".
//
// Units, normalized: 人 名 % (also ％, パーセント) ポイント 件 回 位 円 時間 日 (日間) か月 (ヶ月,
// カ月, ヵ月, 箇月) 年 (年間, ヵ年; a bare 年 only after a small number that is not an era
// year: 5年, not 令和3年 or 2025年) 分 (not 3分の1) 歳 箇所 (か所, カ所, ヶ所) 校 団体 世帯 台
// 社 施設 事業 店舗 講座 項目 戸 冊 棟 園 倍 割 ha km kg kWh kW mm cm m2 m3 ㎡ m t, and the
// same spelled in katakana (40キロメートル -> 40 "km", 52,925トン -> 52925 "t").
// Money is scaled to yen: 3.5億円 -> 350000000 "円", 500千円 -> 500000 "円".
// A number without a unit is not a quantity (第2次, 7-1-1, 0595-22-9601, 令和3年).
//
// After the unit: 以上 -> "ge"; 超, を上回る, を超える -> "gt"; 以下, 以内 -> "le"; 未満 -> "lt";
// とする, とします, にする, にします -> "eq"; を維持 -> maintain = true with the comparator
// written before it (40%以上を維持: "ge") or "eq" (318人を維持); 増 / 増加 -> direction
// "increase"; 減 / 減少 / 削減 -> "decrease" (also の削減, を削減, に削減: 1,150人に削減).
//
// Threads: a QuantityScanner is immutable after construction; Scan is const and may be
// called from several threads at once.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gyosei::dates {

class DateScanner;

namespace internal {
struct QuantityPatterns;
}

struct Quantity {
  size_t begin = 0;  // byte offsets into the scanned text: from 約 / ▲ to the last word
  size_t end = 0;    // read (comparator, 維持, direction)
  std::string text;  // text[begin, end) with full-width ASCII folded
  double value = 0;
  std::optional<double> range_max;
  std::string unit;  // normalized, see above; money in "円"
  bool approximate = false;
  std::string comparison;      // "eq" "ge" "gt" "le" "lt" or ""
  std::string max_comparison;  // for range_max: "le" "lt" or ""
  bool maintain = false;       // を維持
  std::string direction;       // "increase" "decrease" or ""
};

class QuantityScanner {
 public:
  QuantityScanner();
  QuantityScanner(QuantityScanner&&) noexcept;
  QuantityScanner& operator=(QuantityScanner&&) noexcept;
  ~QuantityScanner();

  // Appends every quantity in `text` (UTF-8) to `out`, in order.
  void Scan(std::string_view text, std::vector<Quantity>& out) const;

 private:
  std::unique_ptr<const internal::QuantityPatterns> patterns_;
};

// The baseline written next to a target, in parentheses:
//   (令和5年度49.4%)                               value 49.4 "%", fiscal_year 2023, date ""
//   (令和3年2月末時点のfacebook発信回数：460回)      value 460 "回", date "2021-02-28",
//                                                   label "facebook発信回数"
//   (令和2年度末実績：78件)                          value 78 "件", fiscal_year 2020,
//                                                   date "2021-03-31", label "実績"
//   (令和5年度全国で204位)                           value 204 "位", fiscal_year 2023
//   (令和5年度:17件)                                 value 17 "件", fiscal_year 2023
struct Baseline {
  double value = 0;
  std::string unit;
  std::string date;     // ISO day or month the value was measured at; "" = none
  int fiscal_year = 0;  // the 年度 it belongs to; 0 = none
  std::string label;    // what was measured, when written between the date and the value
};

// Reads a baseline from `text`, with or without its parentheses. nullopt when the text holds
// no quantity; a baseline without a date has date "" and fiscal_year 0.
std::optional<Baseline> ParseBaseline(const DateScanner& dates, const QuantityScanner& quantities,
                                      std::string_view text);

}  // namespace gyosei::dates
