// Quantities in Japanese municipal documents: a number, its unit and what is said about it.
// A stage of its own beside dates/ (it shares the date scanner's text folding and numeral
// reading, dates/text.h); quantities/baseline.h puts the two together.
//
//   gyosei::quantities::QuantityScanner scanner;  // once; compiles its patterns
//   std::vector<gyosei::quantities::Quantity> found;
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

namespace gyosei::quantities {

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

}  // namespace gyosei::quantities
