"""Offline check that FIS templates are valid CreateExperimentTemplate input for AWS: botocore's
parameter validation against the fis model's input shape (clientToken filled in, as the CLI and
SDKs do). Usage: fis_template_input.py FILE... (exit 1 naming each invalid file)."""
import json
import sys

import botocore.session
from botocore.validate import ParamValidator

import model_shapes

model = botocore.session.get_session().get_service_model("fis")
shape = model.operation_model("CreateExperimentTemplate").input_shape
bad = 0
for path in sys.argv[1:]:
    with open(path) as f:
        params = json.load(f)
    params.setdefault("clientToken", "faultbox-offline-check")
    # An older model (Debian 12's botocore) validates what it knows; newer members are named
    # in model_shapes and must be the only ones it lacks.
    params = {k: v for k, v in params.items() if model_shapes.known(shape, k, path)}
    report = ParamValidator().validate(params, shape)
    if report.has_errors():
        bad += 1
        print(f"{path}: {report.generate_report()}")
    else:
        print(f"{path}: valid CreateExperimentTemplate input")
sys.exit(1 if bad else 0)
