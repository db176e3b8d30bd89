// Random version 4 UUIDs ("0f8e3c1a-5b2d-4e6f-9a7b-1c2d3e4f5a6b"), as AWS gives resources and
// Terraform's uuid() returns.
#pragma once

#include <string>

namespace faultbox {

std::string random_uuid();

}  // namespace faultbox
