#!/usr/bin/python
# -*- coding: utf-8 -*-
"""Ansible module: write a set of files into a directory, exactly (the record of a run's requests)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: render_files
short_description: Make a directory hold exactly the given files
description:
  - Writes each file whose content differs, removes files under I(dest) that are not listed. One
    task for all the requests of a phase (a copy task per file costs a module start each).
options:
  dest: {description: The directory., type: path, required: true}
  files:
    description: Files to write, C(path) relative to I(dest), C(content), optional C(mode) (octal string).
    type: list
    elements: dict
    required: true
"""

RETURN = r"""
written: {description: Paths written (new or changed)., type: list, returned: always}
removed: {description: Paths removed (not in I(files))., type: list, returned: always}
"""

import os

from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(
        argument_spec=dict(dest=dict(type="path", required=True), files=dict(type="list", elements="dict", required=True)),
        supports_check_mode=True,
    )
    dest = module.params["dest"]
    wanted = {}
    for f in module.params["files"]:
        rel = os.path.normpath(f["path"])
        if rel.startswith("..") or os.path.isabs(rel):
            module.fail_json(msg="path %r leaves %s" % (f["path"], dest))
        wanted[rel] = (f.get("content", ""), int(str(f.get("mode", "0644")), 8))
    written, removed = [], []
    for rel, (content, mode) in sorted(wanted.items()):
        path = os.path.join(dest, rel)
        data = content.encode("utf-8")
        current = None
        if os.path.isfile(path):
            with open(path, "rb") as fh:
                current = fh.read()
        if current != data or (current is not None and (os.stat(path).st_mode & 0o7777) != mode):
            written.append(path)
            if not module.check_mode:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                tmp = path + ".tmp"
                with open(tmp, "wb") as fh:
                    fh.write(data)
                os.chmod(tmp, mode)
                os.replace(tmp, path)
    if os.path.isdir(dest):
        for root, _, names in os.walk(dest):
            for n in names:
                path = os.path.join(root, n)
                if os.path.relpath(path, dest) not in wanted:
                    removed.append(path)
                    if not module.check_mode:
                        os.remove(path)
    module.exit_json(changed=bool(written or removed), written=written, removed=sorted(removed))


if __name__ == "__main__":
    main()
