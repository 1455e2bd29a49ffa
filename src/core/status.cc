#include "core/status.h"

namespace gyosei {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kPermissionDenied:
      return "permission_denied";
    case StatusCode::kIoError:
      return "io_error";
    case StatusCode::kUnsupported:
      return "unsupported";
    case StatusCode::kEncoding:
      return "encoding";
    case StatusCode::kEncrypted:
      return "encrypted";
    case StatusCode::kDamaged:
      return "damaged";
    case StatusCode::kNoText:
      return "no_text";
    case StatusCode::kRuleError:
      return "rule_error";
    case StatusCode::kTimeout:
      return "timeout";
    case StatusCode::kInternal:
      return "internal";
  }
  return "unknown";
}

}  // namespace gyosei
