// The built-in web image: a tiny HTTP/1.1 server that answers every GET with the workshop page.
// Run by `faultbox instance-web`; the CLI fills the options from the instance's environment.
#pragma once

#include <functional>
#include <stop_token>
#include <string>

namespace faultbox::compute {

struct WebImageOptions {
  std::string address = "0.0.0.0";
  unsigned short port = 80;  // 0 picks a free port (reported through on_listening)
  std::string instance_id;
  std::string name;  // the Name tag
  std::string availability_zone;
  std::string region;
  // When set, GET serves files from this directory (index.html for a directory), read at each
  // request, as the image's httpd serves /var/www/html; otherwise the workshop page.
  std::string document_root;
  int threads = 1;
  bool handle_signals = true;  // SIGTERM and SIGINT end the server cleanly
  std::stop_token stop;        // request_stop() on its source ends the server (tests)
  std::function<void(unsigned short port)> on_listening;  // called once accepting
};

// Blocks until a signal or a stop request. Returns 0 after a clean shutdown, 1 when the
// address cannot be bound (the reason goes to stderr, which is the console log).
int run_web_image(const WebImageOptions& options);

// The workshop page: "Server <name> (<id>)" and "I'm running in Availability Zone <az>".
std::string render_workshop_page(const WebImageOptions& options);

// Options from the instance environment (ADDRESS, PORT, INSTANCE_ID, NAME,
// AVAILABILITY_ZONE, REGION); missing variables keep their defaults.
WebImageOptions web_image_options_from_env();

}  // namespace faultbox::compute
