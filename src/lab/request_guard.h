// Who may act through the lab. It listens on loopback for its user, but a web page open in that
// user's browser can send it requests (an <img>, a form, DNS rebinding), and so can any other
// user of the machine. So:
//  - the Host header must name an address, "localhost" or a *.localhost name: a DNS name of
//    someone else's that resolves here (rebinding) is refused;
//  - a browser's request from another site is refused (Origin, Sec-Fetch-Site), except a plain
//    navigation, which cannot read what it gets and changes nothing;
//  - a lab route that changes something (any method but GET and HEAD under /_faultbox/) needs a
//    token: the CLI's (in lab.json, readable by the lab's user alone) or the console's (in the
//    page the lab serves, which other sites cannot read); stopping the lab needs the CLI's.
// AWS API calls are not the lab's routes: they are answered as AWS answers them (signatures are
// another matter, see `serve --auth` in the issues).
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "net/http_message.h"

namespace faultbox::lab {

inline constexpr const char* kTokenHeader = "x-faultbox-token";

struct LabTokens {
  std::string control;  // the CLI's: every lab route
  std::string console;  // the console page's: every lab route but shutdown
};

// 128 random bits as hex.
std::string random_token();

// The error to answer `request` with, or nullopt when it may go on.
std::optional<Error> refusal_of(const net::HttpRequest& request, const LabTokens& tokens);

}  // namespace faultbox::lab
