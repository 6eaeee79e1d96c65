#!/usr/bin/python
# -*- coding: utf-8 -*-
"""Ansible module: EMR steps added once, found again by name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: emr_steps
short_description: Add EMR steps that have not run yet, and wait for them
description:
  - Steps are named C(<kind> <digest of their arguments>) (the C(emr_step) filter). A step counts as
    done when a step of the same name is pending, running or completed among the steps newer than
    the newest step whose name starts with I(since) (for example, deploy's steps count only since
    the last stop). Missing ones are added in the given order, in one AddJobFlowSteps call.
  - With I(wait), waits until each given step has ended and fails with EMR's reason when one did
    not complete.
  - C(info) only lists the steps of that window.
options:
  cluster_id: {description: The cluster., type: str, required: true}
  state: {description: present adds, info only looks., type: str, choices: [present, info], default: present}
  steps: {description: StepConfig dicts (Name, ActionOnFailure, HadoopJarStep)., type: list, elements: dict, default: []}
  since: {description: Name prefix of the step that opens the window; empty = all steps., type: str, default: ""}
  wait: {description: Wait for the given steps to end., type: bool, default: true}
  wait_timeout: {description: Seconds to wait., type: int, default: 1800}
extends_documentation_fragment: [amazon.aws.aws, amazon.aws.ec2]
"""

RETURN = r"""
added: {description: Names of the steps added., type: list, returned: always}
steps: {description: 'The window: name, id and state of each step, newest first.', type: list, returned: always}
"""

import time

try:
    import botocore  # noqa: F401
except ImportError:
    pass

try:
    from ansible.module_utils.moodstream_emr import (
        FAILED_STEP_STATES,
        failure_text,
        newest_by_name,
        steps_to_add,
        window,
    )

    HAS_PLANNING = True
except ImportError:  # ansible-lint imports modules without our module_utils to check arguments
    HAS_PLANNING = False
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry


def list_window(client, cluster_id, since):
    steps = []
    for page in client.get_paginator("list_steps").paginate(ClusterId=cluster_id):
        steps.extend(page.get("Steps", []))
        if since and any(s.get("Name", "").startswith(since) for s in page.get("Steps", [])):
            break
    return window(steps, since)


def summary(steps):
    return [dict(name=s.get("Name"), id=s.get("Id"), state=s.get("Status", {}).get("State")) for s in steps]


def main():
    module = AnsibleAWSModule(
        argument_spec=dict(
            cluster_id=dict(type="str", required=True),
            state=dict(type="str", choices=["present", "info"], default="present"),
            steps=dict(type="list", elements="dict", default=[]),
            since=dict(type="str", default=""),
            wait=dict(type="bool", default=True),
            wait_timeout=dict(type="int", default=1800),
        ),
        supports_check_mode=True,
    )
    if not HAS_PLANNING:
        module.fail_json(msg="module_utils/moodstream_emr.py not found next to the playbooks (ansible.cfg module_utils)")
    client = module.client("emr", retry_decorator=AWSRetry.jittered_backoff())
    p = module.params
    try:
        current = list_window(client, p["cluster_id"], p["since"])
        if p["state"] == "info":
            module.exit_json(changed=False, added=[], steps=summary(current))

        add = steps_to_add(p["steps"], current)
        if module.check_mode:
            module.exit_json(changed=bool(add), added=[s["Name"] for s in add], steps=summary(current))
        ids = {}
        if add:
            added_ids = client.add_job_flow_steps(JobFlowId=p["cluster_id"], Steps=add, aws_retry=True)["StepIds"]
            ids.update({s["Name"]: i for s, i in zip(add, added_ids)})
        for s in p["steps"]:
            if s["Name"] not in ids:
                ids[s["Name"]] = newest_by_name(current, s["Name"])["Id"]

        if p["wait"]:
            deadline = time.time() + p["wait_timeout"]
            pending = [s["Name"] for s in p["steps"]]
            while pending:
                name = pending[0]
                step = client.describe_step(ClusterId=p["cluster_id"], StepId=ids[name], aws_retry=True)["Step"]
                state = step["Status"]["State"]
                if state == "COMPLETED":
                    pending.pop(0)
                    continue
                if state in FAILED_STEP_STATES:
                    module.fail_json(msg=failure_text(step), added=[s["Name"] for s in add], step_id=step["Id"])
                if time.time() > deadline:
                    module.fail_json(msg="step '%s' (%s) still %s after %ss" % (name, ids[name], state, p["wait_timeout"]))
                time.sleep(10 if p["wait_timeout"] > 60 else 1)

        after = list_window(client, p["cluster_id"], p["since"])
        module.exit_json(changed=bool(add), added=[s["Name"] for s in add], step_ids=ids, steps=summary(after))
    except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError) as e:
        module.fail_json_aws(e, msg="EMR step request failed")


if __name__ == "__main__":
    main()
