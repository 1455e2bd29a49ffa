#!/usr/bin/env python3
"""Validates gyosei output documents against schema/output-v1.schema.json.

    tests/schema/validate.py [--schema FILE] [--expect-invalid] [FILE...]

Each FILE holds one JSON document, or one per line when it is JSON Lines (.jsonl/.ndjson, or any
file whose text is more than one JSON value). With no FILE, every corpus/*.json of the repository
is checked (the goldens); none yet is not a failure.

Besides the schema, two contract rules JSON Schema cannot say are checked: goal ids are unique
within a document, and a goal's parent_id names a goal that comes before it.

--expect-invalid turns the check around for the schema's own tests: every document given must be
rejected, so a schema that has gone lax fails.

Prints `file[:line]: error PATH: MESSAGE` per problem and a final `N passed, M failed`; exits 1
when anything failed. Needs the jsonschema module (Debian: python3-jsonschema).
"""

import argparse
import glob
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate.py: the python3 'jsonschema' module is missing (apt-get install python3-jsonschema)")

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_SCHEMA = os.path.join(REPO, "schema", "output-v1.schema.json")
MAX_ERRORS_PER_DOCUMENT = 20


def json_path(parts):
    out = "$"
    for p in parts:
        out += "[%d]" % p if isinstance(p, int) else "." + str(p)
    return out


def load_documents(path):
    """Yields (label, document or None, parse error or None) for each document in the file."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        yield path, None, "cannot read: %s" % e
        return
    lines_mode = path.endswith((".jsonl", ".ndjson"))
    if not lines_mode:
        try:
            yield path, json.loads(text), None
            return
        except json.JSONDecodeError as e:
            # Several values in one file: JSON Lines under another name.
            if e.msg != "Extra data":
                yield path, None, "not JSON: %s" % e
                return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label = "%s:%d" % (path, number)
        try:
            yield label, json.loads(line), None
        except json.JSONDecodeError as e:
            yield label, None, "not JSON: %s" % e


def contract_errors(doc):
    """The rules beyond the schema, as (path, message)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("goals"), list):
        return
    seen = set()
    for i, goal in enumerate(doc["goals"]):
        if not isinstance(goal, dict):
            continue
        gid = goal.get("id")
        parent = goal.get("parent_id")
        if parent is not None and parent not in seen:
            yield (json_path(["goals", i, "parent_id"]),
                   "%r is not the id of an earlier goal" % (parent,))
        if gid in seen:
            yield json_path(["goals", i, "id"]), "%r is used by an earlier goal" % (gid,)
        seen.add(gid)


def innermost(error):
    """For a nullable field (oneOf null / object) the top error only says no branch matched;
    the branch that fits the instance's type says what is actually wrong."""
    while error.context:
        error = jsonschema.exceptions.best_match(error.context)
    return error


def problems(validator, doc):
    errors = [innermost(e) for e in validator.iter_errors(doc)]
    errors.sort(key=lambda e: list(map(str, e.absolute_path)))
    out = [(json_path(e.absolute_path), e.message) for e in errors]
    out.extend(contract_errors(doc))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--schema", default=DEFAULT_SCHEMA)
    parser.add_argument("--expect-invalid", action="store_true",
                        help="every document must be rejected")
    args = parser.parse_args()

    try:
        with open(args.schema, encoding="utf-8") as f:
            schema = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print("%s: error: schema does not load: %s" % (args.schema, e))
        return 1
    validator = cls(schema)

    files = args.files
    if not files:
        files = sorted(glob.glob(os.path.join(REPO, "corpus", "*.json")))
        if not files:
            print("no corpus/*.json goldens yet: nothing to validate")
        files = [os.path.relpath(f) for f in files]

    passed = failed = 0
    for path in files:
        for label, doc, parse_error in load_documents(path):
            found = [("", parse_error)] if parse_error else problems(validator, doc)
            if args.expect_invalid:
                if found:
                    passed += 1
                    where, message = found[0]
                    print("%s: rejected as expected: %s %s" % (label, where, message))
                else:
                    failed += 1
                    print("%s: error $: document validates but was expected to be rejected" % label)
                continue
            if not found:
                passed += 1
                continue
            failed += 1
            for where, message in found[:MAX_ERRORS_PER_DOCUMENT]:
                print("%s: error %s: %s" % (label, where or "$", message))
            if len(found) > MAX_ERRORS_PER_DOCUMENT:
                print("%s: ... %d more errors" % (label, len(found) - MAX_ERRORS_PER_DOCUMENT))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
