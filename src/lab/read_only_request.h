// Whether a request can only read the lab. Every other answer waits until the lab's state is in
// its store (lab.cpp), so that what a call acknowledged survives a kill -9 that follows it.
#pragma once

#include "net/http_message.h"

namespace faultbox::lab {

// GET and HEAD; AWS operations named Describe*, List* or Get* (query Action, X-Amz-Target,
// rpc-v2-cbor path). Anything else may change the lab, as far as persistence is concerned.
bool is_read_only(const net::HttpRequest& request);

}  // namespace faultbox::lab
