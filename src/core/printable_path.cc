#include "core/printable_path.h"

#include "core/utf8.h"

namespace gyosei {

std::string PrintablePath(std::string_view path) {
  bool plain = path.find('\\') == std::string_view::npos;
  for (size_t i = 0; plain && i < path.size();) {
    size_t n = Utf8SequenceLength(path, i);
    plain = n != 0;
    i += n;
  }
  if (plain) return std::string(path);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(path.size() + 8);
  for (size_t i = 0; i < path.size();) {
    size_t n = Utf8SequenceLength(path, i);
    if (n == 0) {
      auto c = static_cast<unsigned char>(path[i++]);
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += path[i] == '\\' ? std::string_view("\\\\") : path.substr(i, n);
      i += n;
    }
  }
  return out;
}

}  // namespace gyosei
