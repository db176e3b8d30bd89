#include "netfault/iptables_queue_rules.h"

#include <filesystem>

#include "core/error.h"
#include "core/run_program.h"

namespace faultbox::netfault {

namespace {
constexpr const char* kTable = "mangle";
}  // namespace

Result<std::string> render_queue_chain(const std::string& chain,
                                       const std::vector<QueuedRule>& rules) {
  std::string text = std::string("*") + kTable + "\n:" + chain + " - [0:0]\n-F " + chain + "\n";
  for (const auto& queued : rules) {
    if (queued.queue_number < 0 || queued.queue_number > 65535) {
      return errors::validation("packet queue numbers lie in 0..65535");
    }
    FAULTBOX_TRY(matches, iptables_matches(queued.rule));
    for (const auto& match : matches) {
      text += "-A " + chain + " " + match + " -j NFQUEUE --queue-num " +
              std::to_string(queued.queue_number) + " --queue-bypass\n";
    }
  }
  return text + "COMMIT\n";
}

Result<void> IptablesQueueRules::run(const std::vector<std::string>& arguments,
                                     const std::string& input) const {
  return run_program_checked(arguments, arguments.front() + " could not change chain " + chain_,
                             input);
}

Result<void> IptablesQueueRules::apply(const std::vector<QueuedRule>& rules) {
  FAULTBOX_TRY(text, render_queue_chain(chain_, rules));
  const auto restore =
      (std::filesystem::path(iptables_).parent_path() / "iptables-nft-restore").string();
  FAULTBOX_TRY_VOID(run({restore, "--noflush"}, text));
  if (!run({iptables_, "-t", kTable, "-C", "OUTPUT", "-j", chain_})) {
    FAULTBOX_TRY_VOID(run({iptables_, "-t", kTable, "-I", "OUTPUT", "-j", chain_}));
  }
  return {};
}

Result<void> IptablesQueueRules::clear() {
  // The chain is there only if this lab (or a killed run of it) made it.
  if (!run({iptables_, "-t", kTable, "-n", "-L", chain_})) return {};
  while (run({iptables_, "-t", kTable, "-D", "OUTPUT", "-j", chain_})) {
  }
  FAULTBOX_TRY_VOID(run({iptables_, "-t", kTable, "-F", chain_}));
  return run({iptables_, "-t", kTable, "-X", chain_});
}

}  // namespace faultbox::netfault
