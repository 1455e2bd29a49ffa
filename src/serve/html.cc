#include "serve/html.h"

namespace gyosei::serve {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EscapeWithMarks(std::string_view text, char open, char close) {
  std::string escaped = Escape(text), out;
  out.reserve(escaped.size() + 32);
  for (char c : escaped) {
    if (c == open)
      out += "<mark>";
    else if (c == close)
      out += "</mark>";
    else
      out += c;
  }
  return out;
}

std::string UrlEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    out += (out.empty() ? "?" : "&amp;") + UrlEncode(name) + "=" + UrlEncode(value);
  }
  return out;
}

std::string Page(std::string_view title, const std::string& body,
                 const std::vector<std::string>& scripts) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      Escape(title) +
      " — gyosei</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>"
      "<nav><a href=\"/\">検索 Search</a> <a href=\"/indicators\">指標 Indicators</a></nav>"
      "<main>\n" +
      body + "\n</main>";
  for (const std::string& s : scripts) out += "<script src=\"/static/" + Escape(s) + "\"></script>";
  return out + "</body></html>\n";
}

}  // namespace gyosei::serve
