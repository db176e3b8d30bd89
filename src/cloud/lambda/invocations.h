// Invocations in flight: each one a Python process (python_bootstrap.h) in a directory of its
// own, timed against the function's timeout (run_time: the FIS extension's startup delay
// counts, Init up to 10 s does not, as on Lambda), watched against its memory size, and logged to
// /aws/lambda/<name> with Lambda's START, END and REPORT lines.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "cloud/lambda/fis_extension.h"
#include "cloud/lambda/functions.h"
#include "compute/process_supervisor.h"

namespace faultbox::cloud {

class Cloud;

// As many invocations as run at once in one lab; beyond, Invoke answers 429.
inline constexpr std::size_t kMaxConcurrentInvocations = 32;

class Invocations {
 public:
  Invocations(Cloud& cloud, std::filesystem::path root);
  ~Invocations();
  // Tests run invocations without processes.
  void use_supervisor(std::unique_ptr<compute::ProcessSupervisor> supervisor);

  // Starts one; `done` is called once, from start() itself when it cannot start (429), else from
  // a later tick (or at once when a fault answers in place of the function).
  void start(const LambdaFunction& function, const std::string& function_arn,
             const std::filesystem::path& code, std::string payload, InvocationFaults faults,
             InvocationDone done);
  void tick(TimePoint now);
  std::size_t in_flight() const { return running_.size(); }

 private:
  struct Running;
  void spawn(int key, Running& r, TimePoint now);
  void finish(int key, InvocationResult result, TimePoint now);
  InvocationResult outcome_of_exit(Running& r, const compute::ProcessExit& exit);
  // Notes when the program ended Init (its marker), once.
  void see_init_end(Running& r, TimePoint now);
  // A lab duration as the wall clock measures it (at --speed N, N times shorter).
  Duration wall(Duration lab) const;
  // The part of the Init phase that does not count against the timeout (wall clock): as long as
  // Init has run so far, or ran, up to Lambda's 10 s.
  Duration init_duration(const Running& r, TimePoint now) const;
  // How long the invocation has lasted as Lambda counts it against the timeout and reports it
  // (Duration): lab time while the lab holds it (the FIS extension's startup delay, a wait the
  // lab imposes), then the wall-clock time its process runs, less Init. A function's code runs
  // on this machine's CPU at its real pace, whatever the lab's speed: at --speed 20 a function
  // of 300 ms reports 300 ms, as on Lambda, not 6 s, and a busy machine's slow Python start does
  // not turn into a lab-time timeout.
  Duration run_time(const Running& r, TimePoint now) const;
  // Logs the invocation (START, the function's output, END, REPORT); returns the lines.
  std::vector<std::string> write_log(Running& r, const std::vector<std::string>& body,
                                     TimePoint now);

  Cloud& cloud_;
  std::filesystem::path root_;  // <data dir>/lambda
  std::unique_ptr<compute::ProcessSupervisor> supervisor_;
  std::map<int, std::unique_ptr<Running>> running_;  // by invocation number
  std::map<int, int> by_pid_;                        // pid -> invocation number
  int next_ = 1;
  bool bootstrap_written_ = false;
};

}  // namespace faultbox::cloud
