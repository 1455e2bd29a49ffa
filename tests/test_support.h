// Shared by the Catch2 tests: how gyosei's values print when a check fails.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "core/document.h"

namespace Catch {
template <>
struct StringMaker<gyosei::SourceLoc> {
  static std::string convert(const gyosei::SourceLoc& l) {
    return "{page " + std::to_string(l.page) + ", line " + std::to_string(l.line) + ", column " +
           std::to_string(l.column) + "}";
  }
};
}  // namespace Catch
