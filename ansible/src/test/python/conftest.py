"""pytest for the playbooks' Python: the filters and the EMR modules' decisions (no AWS, no Ansible)."""
import os
import sys

ANSIBLE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(ANSIBLE_DIR, "filter_plugins"))
sys.path.insert(0, os.path.join(ANSIBLE_DIR, "module_utils"))
