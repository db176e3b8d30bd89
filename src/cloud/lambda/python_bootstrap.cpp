#include "cloud/lambda/python_bootstrap.h"

namespace faultbox::cloud {

std::string_view python_bootstrap() {
  // Kept as Python text here so that the lab needs no file beside its binary. The error types
  // and messages are those of Lambda's Python runtime (Runtime.ImportModuleError, ...).
  static constexpr std::string_view kProgram = R"PY(
import importlib
import json
import logging
import os
import shutil
import sys
import time
import traceback
import zipfile

REQUEST_ID = os.environ.get("AWS_LAMBDA_REQUEST_ID", "")


def unpack(code_zip, code_dir):
    # One directory per code version, unpacked once; a half-unpacked one is never seen.
    if os.path.isdir(code_dir):
        return
    staging = "%s.%d" % (code_dir, os.getpid())
    with zipfile.ZipFile(code_zip) as archive:
        archive.extractall(staging)
    try:
        os.rename(staging, code_dir)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)  # another invocation unpacked it first


def lab_time(wall):
    # At --speed N the lab's time runs N times faster than the wall clock, from where it stood
    # when the invocation started.
    real0 = float(os.environ.get("FAULTBOX_REAL_EPOCH_MS", "0")) / 1000
    lab0 = float(os.environ.get("FAULTBOX_LAB_EPOCH_MS", "0")) / 1000
    speed = float(os.environ.get("FAULTBOX_LAB_SPEED", "1"))
    return lab0 + (wall - real0) * speed if real0 else wall


class LabTimeFormatter(logging.Formatter):
    # Log lines carry lab time, as every other time the lab shows.
    def formatTime(self, record, datefmt=None):
        lab = lab_time(record.created)
        return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(lab)) + ".%03dZ" % (lab * 1000 % 1000)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = REQUEST_ID
        return True


def set_up_logging():
    handler = logging.StreamHandler(sys.stdout)
    formatter = LabTimeFormatter("[%(levelname)s]\t%(asctime)s\t%(aws_request_id)s\t%(message)s\n")
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    handler.terminator = ""
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.WARNING)


def reach_the_lab():
    # Older botocore (Debian 12's) ignores AWS_ENDPOINT_URL: every client the function makes
    # gets the lab's endpoint unless it names one.
    endpoint = os.environ.get("AWS_ENDPOINT_URL")
    try:
        import botocore.session
    except ImportError:
        return
    create_client = botocore.session.Session.create_client

    def create_lab_client(self, *args, **kwargs):
        if kwargs.get("endpoint_url") is None and len(args) < 6:
            kwargs["endpoint_url"] = endpoint
        return create_client(self, *args, **kwargs)

    if endpoint:
        botocore.session.Session.create_client = create_lab_client


class Context:
    def __init__(self, deadline_ms):
        env = os.environ
        self.function_name = env["AWS_LAMBDA_FUNCTION_NAME"]
        self.function_version = env["AWS_LAMBDA_FUNCTION_VERSION"]
        self.invoked_function_arn = env["FAULTBOX_LAMBDA_FUNCTION_ARN"]
        self.memory_limit_in_mb = env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]
        self.aws_request_id = REQUEST_ID
        self.log_group_name = env["AWS_LAMBDA_LOG_GROUP_NAME"]
        self.log_stream_name = env["AWS_LAMBDA_LOG_STREAM_NAME"]
        self.identity = None
        self.client_context = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))


def error(kind, message, trace=None):
    body = {"errorMessage": message, "errorType": kind, "requestId": REQUEST_ID,
            "stackTrace": trace or []}
    print("[ERROR] %s: %s" % (kind, message), flush=True)
    return {"error": body}


def load(handler):
    # Lambda's Init phase: the handler's module is imported. Returns (function, None) or
    # (None, error outcome).
    module_name, _, function_name = handler.rpartition(".")
    if not module_name:
        return None, error("Runtime.MalformedHandlerName",
                           "Bad handler '%s': not enough values to unpack (expected 2, got 1)"
                           % handler)
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        return None, error("Runtime.ImportModuleError",
                           "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        return None, error("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s"
                           % (module_name, e))
    function = getattr(module, function_name, None)
    if function is None:
        return None, error("Runtime.HandlerNotFound",
                           "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return function, None


def run(function, event_file, deadline_ms):
    # Lambda's Invoke phase: the handler runs against the function's timeout.
    with open(event_file, encoding="utf-8") as f:
        event = json.load(f)
    try:
        result = function(event, Context(deadline_ms))
    except Exception as e:
        trace = traceback.format_list(traceback.extract_tb(e.__traceback__)[1:])
        print("".join(traceback.format_exception(type(e), e, e.__traceback__)), flush=True)
        return error(type(e).__name__, str(e), trace)
    try:
        json.dumps(result)
    except (TypeError, ValueError) as e:
        return error("Runtime.MarshalError", "Unable to marshal response: %s" % e)
    return {"ok": result}


def main():
    code_zip, code_dir, handler, event_file, result_file = sys.argv[1:6]
    unpack(code_zip, code_dir)
    sys.path.insert(0, code_dir)
    os.chdir(code_dir)
    set_up_logging()
    reach_the_lab()
    function, outcome = load(handler)
    if function is not None:
        # Init is over: the lab starts the function's timeout from here (invocations.cpp).
        marker = os.path.join(os.path.dirname(result_file), "initialized")
        with open(marker + ".tmp", "w") as f:
            f.write("%d" % (lab_time(time.time()) * 1000))
        os.rename(marker + ".tmp", marker)
        budget_ms = float(os.environ.get("FAULTBOX_LAMBDA_BUDGET_MS", "3000"))
        outcome = run(function, event_file, time.time() * 1000 + budget_ms)
    sys.stdout.flush()
    with open(result_file + ".tmp", "w", encoding="utf-8") as f:
        f.write(json.dumps(outcome))
    os.rename(result_file + ".tmp", result_file)


main()
)PY";
  return kProgram;
}

}  // namespace faultbox::cloud
