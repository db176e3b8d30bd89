// Where an S3 request (path style) points: its bucket and key, percent-decoded.
#pragma once

#include <string>
#include <utility>

#include "api/service.h"

namespace faultbox::api {

// "/<bucket>/<key...>" → {bucket, key}; either may be empty.
std::pair<std::string, std::string> bucket_and_key(const Call& call);

}  // namespace faultbox::api
