#include "cli/experiment_watch.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "cli/lab_connection.h"
#include "report/figures_text.h"
#include "report/live_view.h"

namespace faultbox::cli {

namespace {
using nlohmann::json;
constexpr auto kRefresh = std::chrono::milliseconds(250);

bool is_terminal_status(const std::string& status) {
  return status == "completed" || status == "stopped" || status == "failed" ||
         status == "cancelled";
}

std::size_t terminal_columns() {
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 10) {
    return size.ws_col;
  }
  return 80;
}

// Redraws `lines` over the `previous` ones (cursor up, clear to the end of the screen). Lines
// are cut to the terminal's width: a wrapped line would throw the cursor arithmetic off.
void redraw(const std::vector<std::string>& lines, std::size_t& previous) {
  if (previous > 0) {
    std::cout << "\x1b[" << previous << "A\x1b[J";
  }
  const auto width = terminal_columns() - 1;
  for (const auto& line : lines) {
    std::cout << (line.size() > width ? line.substr(0, width) : line) << "\n";
  }
  std::cout.flush();
  previous = lines.size();
}

// The verdict and the figures of the experiment's report.
void print_figures(const GlobalOptions& global, const std::string& id) {
  auto report = lab_request(global, "GET", "/_faultbox/experiments/" + id + "/report")["json"];
  const auto& verdict = report.value("verdict", json::object());
  std::cout << verdict.value("title", "") << ": " << verdict.value("explanation", "") << "\n"
            << report::figures_text(report.value("figures", json::object()));
}
}  // namespace

std::string watch_experiment(const GlobalOptions& global, const std::string& id) {
  const bool tty = ::isatty(STDOUT_FILENO) == 1;
  std::size_t drawn = 0;
  std::string last_signature;
  json live;
  for (;;) {
    live = lab_request(global, "GET", "/_faultbox/experiments/" + id + "/live");
    if (tty) {
      redraw(report::render_live(live, terminal_columns() - 10), drawn);
    } else if (auto signature = report::live_signature(live); signature != last_signature) {
      std::cout << report::live_line(live) << std::endl;
      last_signature = signature;
    }
    if (is_terminal_status(live["experiment"]["state"].value("status", ""))) {
      break;
    }
    std::this_thread::sleep_for(kRefresh);
  }
  const auto& state = live["experiment"]["state"];
  if (!tty) {
    for (const auto& line : report::render_live(live)) {
      std::cout << line << "\n";
    }
  }
  for (const auto& line : report::traffic_block(live)) {
    std::cout << line << "\n";
  }
  print_figures(global, id);
  std::cout.flush();
  return state.value("status", "");
}

void exit_for_status(const std::string& status) {
  if (status != "completed") {
    throw CommandFailed{status == "stopped" ? 2 : 1};
  }
}

}  // namespace faultbox::cli
