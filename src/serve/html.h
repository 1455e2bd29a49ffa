// Internal to serve/: the pieces every page is built from. Every string that comes from a
// document or a request goes through Escape (or EscapeWithMarks) before it is part of a page.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gyosei::serve {

// & < > " ' as character references: safe in element content and in quoted attributes.
std::string Escape(std::string_view text);

// Escape, then `open`/`close` (control characters search puts around a hit) become <mark> and
// </mark>.
std::string EscapeWithMarks(std::string_view text, char open, char close);

// Percent-encoding for a query-string value (UTF-8 bytes, RFC 3986 unreserved kept).
std::string UrlEncode(std::string_view value);

// "?a=1&b=%E5%B8%82" from pairs; pairs with an empty value are left out. Already escaped for
// an href attribute.
std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params);

// The page around `body`: title, navigation, the stylesheet; `scripts` are paths under /static/.
// No inline script: the Content-Security-Policy allows scripts from the app itself only.
std::string Page(std::string_view title, const std::string& body,
                 const std::vector<std::string>& scripts = {});

}  // namespace gyosei::serve
