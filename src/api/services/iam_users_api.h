// IAM's user operations (users, access keys, user policies), part of the IAM service
// (iam_api.cpp).
#pragma once

#include "api/operation_service.h"

namespace faultbox::api {

Operations iam_user_operations();

}  // namespace faultbox::api
